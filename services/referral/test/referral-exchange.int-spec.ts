import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS } from '@siaga/contracts';
import { KafkaProbe, eventually, isolateTestFile, type ServiceUnderTest } from '@siaga/testing';
import type { DataSource } from 'typeorm';
import { NumericPickupCoordinates1765200000000 } from '@referral/migrations/1765200000000-numeric-pickup-coordinates';
import { ReferralScheduler } from '@referral/scheduling/referral-scheduler';
import {
  HOSPITAL_1,
  HOSPITAL_2,
  HOSPITAL_3,
  SEMPU,
  aSnapshot,
  cloudEvent,
  dataOf,
  emergencyReferral,
  knownPregnancy,
  referralEvents,
  startReferral,
  tokens,
  typeOf,
} from './fixtures';
import { registerResponders } from './escort-support';

// Hospitals answer emergencies within 2 s here (10 minutes in production); the timer looks every 200 ms.
process.env.REFERRAL_EMERGENCY_ANSWER_SECONDS = '2';
process.env.REFERRAL_TIMER_POLL_MS = '200';

describe('referral exchange (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('referral');
  const referralTopic = `${topicPrefix}${TOPICS.referral}`;
  let sut: ServiceUnderTest & { db: DataSource };
  let probe: KafkaProbe;
  let midwife: string;

  beforeAll(async () => {
    sut = await startReferral(schema);
    probe = new KafkaProbe();
    await probe.watch([referralTopic]);
    midwife = await tokens.midwife();
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const refer = async (overrides: Record<string, unknown> = {}) => {
    const snapshot = aSnapshot();
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const response = await sut.request('POST', '/referrals', {
      token: midwife,
      body: { ...emergencyReferral(snapshot.pregnancyId), transportNeeded: false, ...overrides },
    });
    expect(response.status).toBe(201);
    return { snapshot, referral: response.body };
  };

  it('offers a midwife’s emergency referral to the nearest capable hospital serving her village, and says so on Kafka', async () => {
    const { snapshot, referral } = await refer();
    expect(referral).toMatchObject({
      pregnancyId: snapshot.pregnancyId,
      origin: 'clinician',
      status: 'offered',
      urgency: 'emergency',
      icd10: 'O14.1',
      attempt: 1,
      currentHospital: { id: HOSPITAL_1, name: 'RSUD Demo Banyuwangi' },
      // Emergency → PONEK; her previous caesarean (KSPR-10) → theatre.
      requiredCapabilities: ['obstetrician', 'ponek', 'caesarean'],
      patient: { name: 'Ibu Contoh', birthDate: '1990-04-12', hpl: snapshot.hpl },
    });
    expect(referral.historySummary).toContain('previous caesarean');
    expect(referral.historySummary).toContain('KSPR 14 (KRST)');
    expect(referral.offers).toEqual([expect.objectContaining({ attempt: 1, hospitalId: HOSPITAL_1, outcome: 'pending' })]);
    const respondIn = Date.parse(referral.respondBy) - Date.parse(referral.createdAt);
    expect(respondIn).toBeGreaterThanOrEqual(1900);
    expect(respondIn).toBeLessThanOrEqual(2100);

    const [created] = await referralEvents(probe, referral.id, EVENTS.referralCreated.type);
    expect(created.key).toBe(snapshot.pregnancyId);
    expect(created.headers).toMatchObject({
      [CE_HEADERS.subject]: snapshot.pregnancyId,
      [CE_HEADERS.source]: 'siaga/referral',
      [CE_HEADERS.sequence]: '1',
    });
    const [offered] = await referralEvents(probe, referral.id, EVENTS.referralOffered.type);
    expect(dataOf(offered)).toMatchObject({
      hospitalId: HOSPITAL_1,
      hospitalName: 'RSUD Demo Banyuwangi',
      attempt: 1,
      chosenByDistrict: false,
    });
    expect(offered.headers[CE_HEADERS.sequence]).toBe('2');
  });

  it('turns an alert resolved with refer into a referral offered to the hospital its diagnosis needs, once', async () => {
    const snapshot = aSnapshot();
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const alertId = randomUUID();
    const resolved = cloudEvent(
      'alertResolved',
      snapshot.pregnancyId,
      3,
      {
        alertId,
        pregnancyId: snapshot.pregnancyId,
        healthCenterId: snapshot.healthCenterId,
        villageCode: snapshot.villageCode,
        midwifeId: snapshot.midwifeId,
        kind: 'danger-sign',
        severity: 'emergency',
        decision: 'refer',
        referral: { urgency: 'emergency', reason: 'Eclampsia: convulsions at home', icd10: 'O15.0', treatmentGiven: 'MgSO4 4 g IV' },
        findings: [{ ruleId: 'WHO-PE-SEVERE', description: 'severe pre-eclampsia', facts: {} }],
        score: 14,
        category: 'KRST',
        decidedBy: 'doctor-1',
        decidedAt: new Date().toISOString(),
      },
      'siaga/alerts',
    );
    // Delivered twice (same event id), and once more as a new event about the same alert.
    const again = { ...resolved, headers: { ...resolved.headers, [CE_HEADERS.id]: randomUUID(), [CE_HEADERS.sequence]: '4' } };
    await probe.send(`${topicPrefix}${TOPICS.alert}`, [resolved, resolved, again]);

    const [created] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.referralCreated.type);
    expect(dataOf(created)).toMatchObject({
      origin: 'alert',
      alertId,
      urgency: 'emergency',
      icd10: 'O15.0',
      createdBy: 'doctor-1',
      transportNeeded: true,
      // Eclampsia needs an ICU: only one hospital of the regency has one.
      requiredCapabilities: ['obstetrician', 'ponek', 'caesarean', 'icu'],
    });
    const referralId = dataOf<{ referralId: string }>(created).referralId;
    const [offered] = await referralEvents(probe, referralId, EVENTS.referralOffered.type);
    expect(dataOf(offered)).toMatchObject({ hospitalId: HOSPITAL_3, hospitalName: 'RS Demo Kota', attempt: 1 });
    await eventually(async () => {
      const [{ n }] = await sut.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM inbox WHERE consumer_group = 'referral.alert-decisions'`,
      );
      expect(n).toBeGreaterThanOrEqual(2);
    });
    const rows = await sut.db.query<{ id: string }[]>('SELECT id FROM referral WHERE pregnancy_id = $1', [snapshot.pregnancyId]);
    expect(rows).toEqual([{ id: referralId }]);
  });

  it('cascades on a decline to the next hospital, keeping every step', async () => {
    const { referral } = await refer();
    const declined = await sut.request('POST', `/referrals/${referral.id}/decline`, {
      token: await tokens.hospital(HOSPITAL_1),
      body: { reason: 'no-room', note: 'VK full' },
    });
    expect(declined.status).toBe(200);
    // Hospital staff see their own offer only, and no routing trail.
    expect(declined.body.offers).toEqual([
      expect.objectContaining({ hospitalId: HOSPITAL_1, outcome: 'declined', declineReason: 'no-room' }),
    ]);
    expect(declined.body.steps).toBeNull();

    const [event] = await referralEvents(probe, referral.id, EVENTS.referralDeclined.type);
    expect(dataOf(event)).toMatchObject({ hospitalId: HOSPITAL_1, reason: 'no-room', note: 'VK full', attempt: 1 });
    const offers = await referralEvents(probe, referral.id, EVENTS.referralOffered.type, 2);
    expect(offers.map((m) => dataOf(m).hospitalId)).toEqual([HOSPITAL_1, HOSPITAL_2]);

    const seen = await sut.request('GET', `/referrals/${referral.id}`, { token: midwife });
    expect(seen.body).toMatchObject({ status: 'offered', attempt: 2, currentHospital: { id: HOSPITAL_2 } });
    expect(seen.body.steps.map((s: { kind: string }) => s.kind)).toEqual(['created', 'offered', 'declined', 'offered']);

    // The first hospital has had its turn; the second one answers now.
    expect((await sut.request('POST', `/referrals/${referral.id}/accept`, { token: await tokens.hospital(HOSPITAL_1) })).status).toBe(409);
    const accepted = await sut.request('POST', `/referrals/${referral.id}/accept`, { token: await tokens.hospital(HOSPITAL_2) });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', currentHospital: { id: HOSPITAL_2 } });
    await referralEvents(probe, referral.id, EVENTS.referralAccepted.type);
  });

  it('cascades when a hospital does not answer in time, then escalates to the district when none is left', async () => {
    const { referral } = await refer();
    // Nobody answers: 2 s per hospital, three hospitals serve Sempu.
    const timedOut = await referralEvents(probe, referral.id, EVENTS.referralTimedOut.type, 3);
    expect(timedOut.map((m) => dataOf(m).hospitalId)).toEqual([HOSPITAL_1, HOSPITAL_2, HOSPITAL_3]);
    const [escalated] = await referralEvents(probe, referral.id, EVENTS.referralEscalated.type);
    expect(dataOf(escalated)).toMatchObject({
      reason: 'every-hospital-declined-or-silent',
      attempts: 3,
      hospitalsTried: [HOSPITAL_1, HOSPITAL_2, HOSPITAL_3],
    });
    const sequences = probe.messages.filter((m) => m.key === referral.pregnancyId).map((m) => Number(m.headers[CE_HEADERS.sequence]));
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));

    const district = await tokens.district();
    const seen = await sut.request('GET', `/referrals/${referral.id}`, { token: district });
    expect(seen.body).toMatchObject({ status: 'escalated', currentHospital: null, respondBy: null });
    expect(seen.body.offers.map((o: { outcome: string }) => o.outcome)).toEqual(['timed-out', 'timed-out', 'timed-out']);

    // The district chooses a hospital itself; it accepts.
    const redirected = await sut.request('POST', `/referrals/${referral.id}/redirect`, {
      token: district,
      body: { hospitalId: HOSPITAL_3 },
    });
    expect(redirected.status).toBe(200);
    expect(redirected.body).toMatchObject({ status: 'offered', attempt: 4, currentHospital: { id: HOSPITAL_3 } });
    expect((await sut.request('POST', `/referrals/${referral.id}/accept`, { token: await tokens.hospital(HOSPITAL_3) })).status).toBe(200);
  });

  it('times each offer out exactly once while two instances run the timer', async () => {
    const second = await startReferral(schema); // same schema: a second replica of the service
    try {
      const referrals = await Promise.all(Array.from({ length: 4 }, () => refer()));
      await Promise.all(referrals.map(({ referral }) => referralEvents(probe, referral.id, EVENTS.referralEscalated.type)));
      for (const { referral } of referrals) {
        const steps = await sut.db.query<{ kind: string; attempt: number }[]>(
          `SELECT kind, attempt FROM referral_step WHERE referral_id = $1 AND kind = 'timed-out' ORDER BY id`,
          [referral.id],
        );
        expect(steps).toEqual([1, 2, 3].map((attempt) => ({ kind: 'timed-out', attempt })));
        const events = probe.messages.filter((m) => typeOf(m) === EVENTS.referralTimedOut.type && dataOf(m).referralId === referral.id);
        expect(events).toHaveLength(3);
      }
    } finally {
      await second.close();
    }
  }, 120_000); // a second instance joins the consumer groups first

  it('escalates at once when no hospital serves her area, and lets an emergency supersede a planned referral', async () => {
    // A village of another regency (Jember, 35.09): the demo hospitals serve Banyuwangi (35.10) only.
    const outside = aSnapshot({ villageCode: '35.09.01.2001', villageName: 'Kencong', districtName: 'Kencong' });
    await knownPregnancy(sut, probe, topicPrefix, outside);
    const response = await sut.request('POST', '/referrals', {
      token: await tokens.midwife(['35.09.01.2001']),
      body: { ...emergencyReferral(outside.pregnancyId), transportNeeded: false },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'escalated', attempt: 0, currentHospital: null, offers: [] });
    const [escalated] = await referralEvents(probe, response.body.id, EVENTS.referralEscalated.type);
    expect(dataOf(escalated)).toMatchObject({ reason: 'no-capable-hospital', attempts: 0, hospitalsTried: [] });

    const { snapshot, referral: planned } = await refer({ urgency: 'planned', icd10: undefined, reason: 'KRST, previous caesarean' });
    const emergency = await sut.request('POST', '/referrals', {
      token: midwife,
      body: { ...emergencyReferral(snapshot.pregnancyId), transportNeeded: false },
    });
    expect(emergency.status).toBe(201);
    const [cancelled] = await referralEvents(probe, planned.id, EVENTS.referralCancelled.type);
    expect(dataOf(cancelled)).toMatchObject({ reason: 'superseded by an emergency referral' });
  });

  it('lists the referrals sent to a hospital, the ones waiting for its answer and emergencies first', async () => {
    const hospital = await tokens.hospital(HOSPITAL_1);
    const planned = await refer({ urgency: 'planned', icd10: undefined, reason: 'KRST, previous caesarean' });
    const emergency = await refer();
    const list = await sut.request('GET', '/referrals?status=open', { token: hospital });
    expect(list.status).toBe(200);
    const ids: string[] = list.body.map((r: { id: string }) => r.id);
    expect(ids.indexOf(emergency.referral.id)).toBeLessThan(ids.indexOf(planned.referral.id));
    const first = list.body[0];
    expect(first.offerToMe).toMatchObject({ outcome: 'pending' });
    // A hospital never lists a referral that was not sent to it.
    const other = await sut.request('GET', '/referrals', { token: await tokens.hospital(randomUUID()) });
    expect(other.body).toEqual([]);
  });

  it('tells a hospital where she went and who brings her only while it is her current target: not after a decline, a timeout or a redirect', async () => {
    const admin = await tokens.admin();
    const village = { code: '35.10.20.2006', name: 'Temuasri', district: 'Sempu' };
    const [responder] = await registerResponders(sut, admin, [village.code], 1);
    // A hospital of the district's choice, outside the automatic rule (it serves another regency).
    const chosen = await sut.request('POST', '/facilities', {
      token: admin,
      body: { kind: 'hospital', name: 'RS Pilihan Dinas (test)', capabilities: ['obstetrician', 'ponek'], servedAreas: ['35.11'] },
    });
    expect(chosen.status).toBe(201);
    const [h1, h2, h3, h4] = await Promise.all(
      [HOSPITAL_1, HOSPITAL_2, HOSPITAL_3, chosen.body.id as string].map((h) => tokens.hospital(h)),
    );
    const snapshot = aSnapshot({ villageCode: village.code, villageName: village.name, districtName: village.district });
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const created = await sut.request('POST', '/referrals', {
      token: await tokens.midwife([village.code]),
      body: emergencyReferral(snapshot.pregnancyId),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Hospital 1 declines, hospital 2 stays silent, hospital 3 declines: the district redirects her to its choice.
    expect((await sut.request('POST', `/referrals/${id}/decline`, { token: h1, body: { reason: 'no-room' } })).status).toBe(200);
    await referralEvents(probe, id, EVENTS.referralTimedOut.type);
    expect((await sut.request('POST', `/referrals/${id}/decline`, { token: h3, body: { reason: 'no-specialist' } })).status).toBe(200);
    const redirected = await sut.request('POST', `/referrals/${id}/redirect`, {
      token: await tokens.district(),
      body: { hospitalId: chosen.body.id },
    });
    expect(redirected.status).toBe(200);
    const accepted = await sut.request('POST', `/referrals/${id}/accept`, { token: h4 });
    expect(accepted.status).toBe(200);
    const escortId = accepted.body.escorts[0].escortId as string;
    expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(responder) })).status).toBe(200);

    // The hospital that took her sees where she goes and who brings her.
    const taker = await sut.request('GET', `/referrals/${id}`, { token: h4 });
    expect(taker.body).toMatchObject({ currentHospital: { id: chosen.body.id, name: 'RS Pilihan Dinas (test)' } });
    expect(taker.body.escorts[0]).toMatchObject({ responder: { id: responder, phone: '+62 800-0000-7000' } });
    const secrets = [chosen.body.id as string, 'RS Pilihan Dinas (test)', responder, 'Responder 1 (test)', '+62 800-0000-7000', escortId];
    // The ones that declined, timed out or were passed over learn none of it, in the detail or the list.
    for (const [path, token] of [
      ['declined', h1],
      ['timed out', h2],
      ['declined, then redirected', h3],
    ]) {
      const detail = await sut.request('GET', `/referrals/${id}`, { token });
      expect(detail.status).toBe(200);
      expect({ path, currentHospital: detail.body.currentHospital, escorts: detail.body.escorts }).toEqual({
        path,
        currentHospital: null,
        escorts: [],
      });
      const list = await sut.request('GET', '/referrals', { token });
      const listed = list.body.find((r: { id: string }) => r.id === id);
      expect({ path, currentHospital: listed.currentHospital }).toEqual({ path, currentHospital: null });
      const text = JSON.stringify([detail.body, listed]);
      expect({ path, leaked: secrets.filter((s) => text.includes(s)) }).toEqual({ path, leaked: [] });
    }
  }, 60_000);

  describe('access', () => {
    it('keeps referrals to their midwife’s villages, doctor’s health center and the hospitals asked; escorts see none', async () => {
      const { referral } = await refer();
      const read = (token: string) => sut.request('GET', `/referrals/${referral.id}`, { token });
      expect((await read(await tokens.doctor())).status).toBe(200);
      expect((await read(await tokens.hospital(HOSPITAL_1))).status).toBe(200);
      expect((await read(await tokens.district())).status).toBe(200);
      expect((await read(await tokens.midwife(['35.10.20.2005']))).status).toBe(403);
      expect((await read(await tokens.doctor(randomUUID()))).status).toBe(403);
      expect((await read(await tokens.hospital(HOSPITAL_3))).status).toBe(403);
      expect((await read(await tokens.escort(randomUUID()))).status).toBe(403);
      expect((await read(await tokens.admin())).status).toBe(403);
      // Hospital staff answer; a midwife cannot.
      expect((await sut.request('POST', `/referrals/${referral.id}/accept`, { token: midwife })).status).toBe(403);

      const audit = await sut.db.query<{ role: string; outcome: string }[]>(
        `SELECT role, outcome FROM access_audit WHERE pregnancy_id = $1 AND action = 'referral.read' ORDER BY id`,
        [referral.pregnancyId],
      );
      expect(audit.filter((a) => a.outcome === 'allowed').map((a) => a.role)).toEqual(['doctor', 'hospital', 'district']);
      expect(audit.filter((a) => a.outcome === 'denied').map((a) => a.role)).toEqual(['midwife', 'doctor', 'hospital']);
    });

    it('files a role denial on /referrals/:id and /escorts/:id under that id as a resource, never as a pregnancy', async () => {
      const { referral } = await refer();
      const escortId = randomUUID();
      const escort = await tokens.escort(randomUUID());
      expect((await sut.request('GET', `/referrals/${referral.id}`, { token: escort })).status).toBe(403);
      expect((await sut.request('GET', `/escorts/${escortId}`, { token: midwife })).status).toBe(403);

      const denials = await sut.db.query<{ action: string; pregnancy_id: string | null; resource: string | null }[]>(
        `SELECT action, pregnancy_id, resource FROM access_audit WHERE resource IN ($1, $2) ORDER BY id`,
        [`/referrals/${referral.id}`, `/escorts/${escortId}`],
      );
      expect(denials).toEqual([
        { action: 'GET /referrals/:id', pregnancy_id: null, resource: `/referrals/${referral.id}` },
        { action: 'GET /escorts/:id', pregnancy_id: null, resource: `/escorts/${escortId}` },
      ]);
      const [filedAsPregnancy] = await sut.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM access_audit WHERE pregnancy_id IN ($1, $2)`,
        [referral.id, escortId],
      );
      expect(filedAsPregnancy.n).toBe(0);
    });

    it('refuses a second open referral for one woman, naming the first', async () => {
      const { snapshot, referral } = await refer();
      const again = await sut.request('POST', '/referrals', { token: midwife, body: emergencyReferral(snapshot.pregnancyId) });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'referral-already-open', referralId: referral.id });
    });

    it.each([
      ['in 1970', '1970-01-01T00:00:00Z'],
      ['in 9999', '9999-12-31T00:00:00Z'],
      ['two hours ago', () => new Date(Date.now() - 2 * 3_600_000).toISOString()],
      ['a year ahead', () => new Date(Date.now() + 366 * 86_400_000).toISOString()],
    ])('refuses a planned pickup %s, naming pickupAt, and takes a plausible one afterwards', async (_, when) => {
      const snapshot = aSnapshot();
      await knownPregnancy(sut, probe, topicPrefix, snapshot);
      const planned = (pickupAt: string) =>
        sut.request('POST', '/referrals', {
          token: midwife,
          body: emergencyReferral(snapshot.pregnancyId, { urgency: 'planned', pickupAt }),
        });

      const refused = await planned(typeof when === 'string' ? when : when());
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('pickupAt');
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      expect((await planned(tomorrow)).status).toBe(201);
    });

    it('refuses pickup coordinates sent as strings, and repairs ones stored that way so a hospital can accept her', async () => {
      const snapshot = aSnapshot();
      await knownPregnancy(sut, probe, topicPrefix, snapshot);
      const asStrings = emergencyReferral(snapshot.pregnancyId, { pickup: { latitude: '-8.32', longitude: '114.1' } });
      const refused = await sut.request('POST', '/referrals', { token: midwife, body: asStrings });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['pickup.latitude', 'pickup.longitude']);

      // What the API stored before it refused them (issue 13): the migration turns them into numbers.
      const created = await sut.request('POST', '/referrals', { token: midwife, body: emergencyReferral(snapshot.pregnancyId) });
      await sut.db.query(`UPDATE referral SET pickup = pickup || '{"latitude": "-8.32", "longitude": "114.1"}' WHERE id = $1`, [
        created.body.id,
      ]);
      const runner = sut.db.createQueryRunner();
      await new NumericPickupCoordinates1765200000000().up(runner).finally(() => runner.release());
      const [{ pickup }] = await sut.db.query(`SELECT pickup FROM referral WHERE id = $1`, [created.body.id]);
      expect(pickup).toMatchObject({ latitude: -8.32, longitude: 114.1 });
      const accepted = await sut.request('POST', `/referrals/${created.body.id}/accept`, { token: await tokens.hospital(HOSPITAL_1) });
      expect(accepted.status).toBe(200);
    });

    it('refuses a pregnancy it has not heard of yet (scope never comes from the caller), and a bad ICD-10 code', async () => {
      const unknown = await sut.request('POST', '/referrals', { token: midwife, body: { ...emergencyReferral(randomUUID()), pickup: {} } });
      expect(unknown.status).toBe(422);
      // Naming her village does not help: otherwise a caller could place another center's patient in its own scope.
      const claimed = await sut.request('POST', '/referrals', {
        token: midwife,
        body: { ...emergencyReferral(randomUUID()), transportNeeded: false, pickup: { villageCode: SEMPU } },
      });
      expect(claimed.status).toBe(422);
      const bad = await sut.request('POST', '/referrals', {
        token: midwife,
        body: { ...emergencyReferral(randomUUID()), icd10: 'pre-eclampsia' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('icd10');
    });
  });

  it('cancels an open referral when registration closes the pregnancy', async () => {
    const { snapshot, referral } = await refer();
    await probe.send(`${topicPrefix}${TOPICS.pregnancy}`, [
      cloudEvent(
        'pregnancyClosed',
        snapshot.pregnancyId,
        2,
        { pregnancyId: snapshot.pregnancyId, outcome: 'delivered', closedAt: new Date().toISOString() },
        'siaga/registration',
      ),
    ]);
    const [cancelled] = await referralEvents(probe, referral.id, EVENTS.referralCancelled.type);
    expect(dataOf(cancelled)).toMatchObject({ reason: 'pregnancy closed (delivered)', cancelledBy: 'system:registration' });
  });

  it('gives a KRST woman near her due date a planned referral without anyone asking, once', async () => {
    const snapshot = aSnapshot({ dueInDays: 10 });
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const notYet = aSnapshot({ dueInDays: 40 });
    await knownPregnancy(sut, probe, topicPrefix, notYet);
    const lowRisk = aSnapshot({ dueInDays: 5 });
    await knownPregnancy(sut, probe, topicPrefix, lowRisk, { category: 'KRT', score: 6, present: ['KSPR-6'] });

    const scheduler = sut.app.get(ReferralScheduler);
    await scheduler.runNow('planned-referrals');
    await scheduler.runNow('planned-referrals');
    const rows = await sut.db.query<{ pregnancy_id: string; origin: string; urgency: string; pickup_at: Date; status: string }[]>(
      `SELECT pregnancy_id, origin, urgency, pickup_at, status FROM referral WHERE pregnancy_id = ANY($1::uuid[])`,
      [[snapshot.pregnancyId, notYet.pregnancyId, lowRisk.pregnancyId]],
    );
    expect(rows).toEqual([
      expect.objectContaining({ pregnancy_id: snapshot.pregnancyId, origin: 'planned', urgency: 'planned', status: 'offered' }),
    ]);
    // Picked up a week before HPL, 08:00 WIB.
    expect(rows[0].pickup_at.toISOString()).toBe(new Date(Date.parse(`${snapshot.hpl}T01:00:00Z`) - 7 * 86_400_000).toISOString());
    const [created] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.referralCreated.type);
    expect(dataOf(created)).toMatchObject({
      origin: 'planned',
      urgency: 'planned',
      createdBy: 'system:planned-referral',
      transportNeeded: true,
    });
    await eventually(() =>
      expect(probe.messages.filter((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.referralCreated.type)).toHaveLength(1),
    );
  });
});
