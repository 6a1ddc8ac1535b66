import { randomBytes, randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS } from '@siaga/contracts';
import { verifyWebhookSignature } from '@siaga/notifications';
import { KafkaProbe, eventually, isolateTestFile, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import type { DataSource } from 'typeorm';
import { openEventStream, registerResponders, webhookReceiver, type Hook } from './escort-support';
import {
  HOSPITAL_1,
  aSnapshot,
  dataOf,
  emergencyReferral,
  knownPregnancy,
  referralEvents,
  startReferral,
  tokens,
  typeOf,
} from './fixtures';

// Each wave of escort offers stays open 2 s here (3 minutes for an emergency in production).
process.env.ESCORT_EMERGENCY_ANSWER_SECONDS = '2';
process.env.REFERRAL_TIMER_POLL_MS = '200';
process.env.NOTIFY_POLL_MS = '200';
const webhookSecret = randomBytes(32).toString('hex');
process.env.NOTIFY_WEBHOOK_SECRET = webhookSecret;

/** The exact keys of every escort-facing payload (API, feed, webhook): pickup, contact, destination, urgency, times. */
const ESCORT_VIEW_KEYS = ['cancelReason', 'contactPhone', 'destination', 'escortId', 'pickup', 'status', 'times', 'urgency'];
const PICKUP_KEYS = ['address', 'districtName', 'latitude', 'longitude', 'villageCode', 'villageName'];
const DESTINATION_KEYS = ['address', 'facilityName', 'latitude', 'longitude'];
const expectEscortView = (view: unknown) => {
  const v = view as { pickup: object; destination: object };
  expect(Object.keys(v).sort()).toEqual(ESCORT_VIEW_KEYS);
  expect(Object.keys(v.pickup).sort()).toEqual(PICKUP_KEYS);
  expect(Object.keys(v.destination).sort()).toEqual(DESTINATION_KEYS);
};

/** The exact keys of each escort-topic event. */
const ESCORT_EVENT_KEYS: Record<string, string[]> = {
  [EVENTS.escortRequested.type]: ['contactPhone', 'destination', 'escortId', 'pickup', 'pickupAt', 'requestedAt', 'urgency'],
  [EVENTS.escortOffered.type]: ['escortId', 'offeredAt', 'respondBy', 'responderIds', 'urgency', 'wave'],
  [EVENTS.escortAccepted.type]: ['acceptedAt', 'escortId', 'responderId', 'urgency'],
  [EVENTS.escortStatusChanged.type]: ['at', 'escortId', 'latitude', 'longitude', 'responderId', 'status'],
  [EVENTS.escortEscalated.type]: ['escalatedAt', 'escortId', 'urgency'],
  [EVENTS.escortCancelled.type]: ['cancelledAt', 'cancelledBy', 'escortId', 'reason'],
};

describe('escort dispatch (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('referral');
  const escortTopic = `${topicPrefix}${TOPICS.escort}`;
  const referralTopic = `${topicPrefix}${TOPICS.referral}`;
  let sut: ServiceUnderTest & { db: DataSource };
  let probe: KafkaProbe;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let admin: string;
  let hospital: string;
  /** Clinical facts of the women referred in this file: none may reach an escort. */
  const clinical = new Set<string>();

  beforeAll(async () => {
    sut = await startReferral(schema);
    probe = new KafkaProbe();
    await probe.watch([escortTopic, referralTopic]);
    receiver = await webhookReceiver();
    admin = await tokens.admin();
    hospital = await tokens.hospital(HOSPITAL_1);
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
    await receiver.close();
  });

  /** A woman of `village` is referred in an emergency and the nearest hospital accepts: the escort request opens. */
  const referAndAccept = async (village: { code: string; name: string; district: string }) => {
    const snapshot = aSnapshot({
      villageCode: village.code,
      villageName: village.name,
      districtName: village.district,
      motherName: `Ibu ${randomUUID().slice(0, 8)}`,
    });
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const midwife = await tokens.midwife([village.code]);
    const body = emergencyReferral(snapshot.pregnancyId, { pickup: { address: 'Dusun Krajan RT 03', contactPhone: '+62 800-0000-9002' } });
    const created = await sut.request('POST', '/referrals', { token: midwife, body });
    expect(created.status).toBe(201);
    expect(created.body.currentHospital.id).toBe(HOSPITAL_1);
    const accepted = await sut.request('POST', `/referrals/${created.body.id}/accept`, { token: hospital });
    expect(accepted.status).toBe(200);
    expect(accepted.body.escorts).toHaveLength(1);
    for (const fact of [
      snapshot.pregnancyId,
      snapshot.motherName,
      body.reason,
      body.icd10,
      body.treatmentGiven,
      created.body.historySummary,
      'KRST',
    ]) {
      clinical.add(String(fact));
    }
    return { snapshot, midwife, referral: accepted.body, escortId: accepted.body.escorts[0].escortId as string };
  };

  const hooksFor = (responderId: string, kind: string): Hook[] =>
    receiver.hooks.filter((h) => h.body.recipient.id === responderId && h.body.kind === kind);

  it('offers the escort at once to every on-duty responder of her village, by webhook and API, and to nobody else', async () => {
    const village = { code: '35.10.19.2001', name: 'Songgon', district: 'Songgon' };
    const [r1, r2] = await registerResponders(sut, admin, [village.code], 2, { hookUrl: receiver.url });
    const [offDuty] = await registerResponders(sut, admin, [village.code], 1, { onDuty: false, hookUrl: receiver.url });
    const [elsewhere] = await registerResponders(sut, admin, ['35.10.18.2001'], 1, { hookUrl: receiver.url });
    const { referral, escortId } = await referAndAccept(village);

    const escort = referral.escorts[0];
    expect(escort).toMatchObject({
      status: 'offered',
      wave: 'village',
      urgency: 'emergency',
      contactPhone: '+62 800-0000-9002',
      pickup: { villageCode: village.code, villageName: 'Songgon', districtName: 'Songgon', address: 'Dusun Krajan RT 03' },
      destination: { facilityName: 'RSUD Demo Banyuwangi' },
    });

    const [requested] = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortRequested.type);
    expect(requested.headers).toMatchObject({ [CE_HEADERS.subject]: escortId, [CE_HEADERS.sequence]: '1' });
    const [offered] = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortOffered.type);
    expect(dataOf<{ responderIds: string[]; wave: string }>(offered)).toMatchObject({ wave: 'village' });
    expect(dataOf<{ responderIds: string[] }>(offered).responderIds.sort()).toEqual([r1, r2].sort());

    // The phones of the two on-duty responders ring; signed, and carrying only the escort view.
    const hooks = await eventually(() => {
      const found = [r1, r2].map((r) => hooksFor(r, 'escort.offered'));
      expect(found.map((f) => f.length)).toEqual([1, 1]);
      return found.flat();
    });
    for (const hook of hooks) {
      expect(verifyWebhookSignature(webhookSecret, hook.headers['x-siaga-signature'] as string, hook.raw)).toBe(true);
      expectEscortView(hook.body.payload);
      expect(hook.body.payload).toMatchObject({ escortId, status: 'offered' });
    }
    expect(hooksFor(offDuty, 'escort.offered')).toEqual([]);
    expect(hooksFor(elsewhere, 'escort.offered')).toEqual([]);

    const offers = await sut.request('GET', '/escorts/offers', { token: await tokens.escort(r1) });
    expect(offers.status).toBe(200);
    expect(offers.body.map((o: { escortId: string }) => o.escortId)).toContain(escortId);
    offers.body.forEach(expectEscortView);
    expect((await sut.request('GET', '/escorts/offers', { token: await tokens.escort(offDuty) })).body).toEqual([]);
    // Not offered to her: as if it did not exist.
    expect((await sut.request('GET', `/escorts/${escortId}`, { token: await tokens.escort(elsewhere) })).status).toBe(404);
    expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(elsewhere) })).status).toBe(404);
    // Escorts never see the referral itself.
    expect((await sut.request('GET', `/referrals/${referral.id}`, { token: await tokens.escort(r1) })).status).toBe(403);
  });

  it('gives the escort to exactly one of many responders accepting at the same moment, and withdraws the others', async () => {
    const village = { code: '35.10.14.2001', name: 'Bareng', district: 'Kabat' };
    const responders = await registerResponders(sut, admin, [village.code], 12, { hookUrl: receiver.url });
    const { escortId } = await referAndAccept(village);
    const escortTokens = await Promise.all(responders.map((r) => tokens.escort(r)));

    const answers = await Promise.all(escortTokens.map((token) => sut.request('POST', `/escorts/${escortId}/accept`, { token })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    const winner = responders[statuses.indexOf(200)];
    expect(answers[statuses.indexOf(200)].body).toMatchObject({ escortId, status: 'accepted' });
    answers.filter((a) => a.status === 409).forEach((a) => expect(a.body.code).toBe('escort-already-taken'));

    const offers = await sut.db.query<{ responder_id: string; status: string }[]>(
      'SELECT responder_id, status FROM escort_offer WHERE escort_id = $1',
      [escortId],
    );
    expect(offers.filter((o) => o.status === 'accepted').map((o) => o.responder_id)).toEqual([winner]);
    expect(offers.filter((o) => o.status === 'withdrawn')).toHaveLength(11);
    const [row] = await sut.db.query<{ responder_id: string; status: string }[]>('SELECT responder_id, status FROM escort WHERE id = $1', [
      escortId,
    ]);
    expect(row).toEqual({ responder_id: winner, status: 'accepted' });

    const [accepted] = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortAccepted.type);
    expect(dataOf(accepted)).toMatchObject({ responderId: winner });
    await eventually(() =>
      expect(probe.messages.filter((m) => m.key === escortId && typeOf(m) === EVENTS.escortAccepted.type)).toHaveLength(1),
    );
    // The others learn at once that it is gone.
    await eventually(() => {
      const withdrawn = responders.filter((r) => r !== winner).map((r) => hooksFor(r, 'escort.withdrawn'));
      expect(withdrawn.map((w) => w.length)).toEqual(Array(11).fill(1));
      withdrawn.flat().forEach((h) => expect(h.body.payload).toEqual({ escortId, reason: 'taken' }));
    });
    // A loser cannot see or report on it any more; the winner's retry is answered the same.
    expect((await sut.request('GET', `/escorts/${escortId}`, { token: escortTokens[(statuses.indexOf(200) + 1) % 12] })).status).toBe(404);
    expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token: escortTokens[statuses.indexOf(200)] })).status).toBe(200);
  });

  it('streams a responder’s own offers live (SSE) from any instance, and their withdrawal', async () => {
    const village = { code: '35.10.15.2004', name: 'Kemiren', district: 'Glagah' };
    const [watcher, taker] = await registerResponders(sut, admin, [village.code], 2);
    const [stranger] = await registerResponders(sut, admin, ['35.10.18.2002'], 1);
    const other = await startReferral(schema); // a second instance: the change is made on the first, seen on the second
    try {
      const stream = await openEventStream(other.baseUrl, await tokens.escort(watcher));
      const strangerStream = await openEventStream(other.baseUrl, await tokens.escort(stranger));
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const denied = await openEventStream(other.baseUrl, await tokens.midwife());
      expect(denied.status).toBe(403);

      const { escortId } = await referAndAccept(village);
      const offer = await eventually(() => {
        const found = stream.events.find((e) => e.type === 'offer' && e.id === escortId);
        expect(found).toBeDefined();
        return found!;
      });
      expectEscortView(offer.data);
      expect(offer.data).toMatchObject({ escortId, status: 'offered', urgency: 'emergency', pickup: { villageCode: village.code } });

      expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(taker) })).status).toBe(200);
      const withdrawn = await eventually(() => {
        const found = stream.events.find((e) => e.type === 'offer-withdrawn' && e.id === escortId);
        expect(found).toBeDefined();
        return found!;
      });
      expect(withdrawn.data).toEqual({ escortId, reason: 'taken' });
      expect(strangerStream.events.filter((e) => e.type !== 'ping')).toEqual([]);
      stream.close();
      strangerStream.close();
    } finally {
      await other.close();
    }
  }, 120_000); // a second instance joins the consumer groups first

  it('ends a responder’s live feed when her token expires, with a last event saying so, and sends nothing after', async () => {
    const village = { code: '35.10.19.2006', name: 'Parangharjo', district: 'Songgon' };
    const [responder] = await registerResponders(sut, admin, [village.code], 1);
    const stream = await openEventStream(sut.baseUrl, await tokenFor({ role: 'escort', responder }, { expiresIn: '3s' }));
    expect(stream.status).toBe(200);
    let ended = false;
    void stream.ended.then(() => (ended = true));
    await eventually(() => expect(ended).toBe(true), 15_000);
    expect(stream.events.at(-1)).toMatchObject({ type: 'token-expired' });

    const { escortId } = await referAndAccept(village);
    await eventually(async () => {
      const offers = await sut.request('GET', '/escorts/offers', { token: await tokens.escort(responder) });
      expect(offers.body.map((o: { escortId: string }) => o.escortId)).toContain(escortId);
    });
    expect(stream.events.filter((e) => e.type === 'offer')).toEqual([]);
  });

  it('completes the referral when the escort reports arrival, and tells the broker', async () => {
    const village = { code: '35.10.19.2002', name: 'Balak', district: 'Songgon' };
    const [holder, other] = await registerResponders(sut, admin, [village.code], 2);
    const { referral, escortId, midwife } = await referAndAccept(village);
    const token = await tokens.escort(holder);
    expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token })).status).toBe(200);

    const report = (status: string, extra: Record<string, unknown> = {}, as = token) =>
      sut.request('POST', `/escorts/${escortId}/status`, { token: as, body: { status, ...extra } });
    expect((await report('picked-up', {}, await tokens.escort(other))).status).toBe(403); // offered, but lost
    const enRoute = await report('en-route', { latitude: -8.25, longitude: 114.1 });
    expect(enRoute.status).toBe(200);
    expectEscortView(enRoute.body);
    expect((await report('picked-up', { at: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(400);
    expect((await report('picked-up')).status).toBe(200);
    expect((await report('en-route')).status).toBe(409); // never backwards
    const arrivedAt = new Date().toISOString();
    const arrived = await report('arrived', { at: arrivedAt, latitude: -8.36, longitude: 114.16 });
    expect(arrived.status).toBe(200);
    expect(arrived.body).toMatchObject({ status: 'arrived', times: { arrivedAt } });

    const [completed] = await referralEvents(probe, referral.id, EVENTS.referralCompleted.type);
    expect(dataOf(completed)).toEqual({
      referralId: referral.id,
      pregnancyId: referral.pregnancyId,
      alertId: null,
      hospitalId: HOSPITAL_1,
      hospitalName: 'RSUD Demo Banyuwangi',
      arrivedAt,
      arrivalReportedBy: 'escort',
    });
    expect(completed.key).toBe(referral.pregnancyId);
    const progress = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortStatusChanged.type, 3);
    expect(progress.map((m) => dataOf<{ status: string }>(m).status)).toEqual(['en-route', 'picked-up', 'arrived']);
    expect(dataOf(progress[2])).toMatchObject({ responderId: holder, at: arrivedAt, latitude: -8.36, longitude: 114.16 });

    const seen = await sut.request('GET', `/referrals/${referral.id}`, { token: midwife });
    expect(seen.body).toMatchObject({ status: 'completed', arrivedAt });
    expect(seen.body.escorts[0]).toMatchObject({ status: 'arrived', responder: { id: holder, phone: '+62 800-0000-7000' } });
    expect(seen.body.escorts[0].reports.map((r: { status: string }) => r.status)).toEqual(['en-route', 'picked-up', 'arrived']);
    expect(seen.body.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'created',
      'offered',
      'accepted',
      'escort-requested',
      'escort-offered',
      'escort-accepted',
      'escort-en-route',
      'escort-picked-up',
      'escort-arrived',
      'completed',
    ]);
    const held = await sut.request('GET', '/escorts', { token });
    expect(held.body.map((e: { escortId: string }) => e.escortId)).toContain(escortId);
  });

  it('widens an unanswered escort to the district, then escalates it, still taking a late yes', async () => {
    const village = { code: '35.10.24.2001', name: 'Licin', district: 'Licin' };
    const [local] = await registerResponders(sut, admin, [village.code], 1);
    const [neighbour] = await registerResponders(sut, admin, ['35.10.24.2002'], 1);
    const { escortId } = await referAndAccept(village);

    const offers = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortOffered.type, 2, 15_000);
    expect(offers.map((m) => dataOf<{ wave: string; responderIds: string[] }>(m))).toMatchObject([
      { wave: 'village', responderIds: [local] },
      { wave: 'district', responderIds: [neighbour] },
    ]);
    await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortEscalated.type, 1, 15_000);
    const late = await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(local) });
    expect(late.status).toBe(200);
    expect(late.body.status).toBe('accepted');
  });

  it('re-offers an escort its holder gives up, and lets the midwife cancel one for good', async () => {
    const village = { code: '35.10.19.2003', name: 'Sragi', district: 'Songgon' };
    const [first, second] = await registerResponders(sut, admin, [village.code], 2, { hookUrl: receiver.url });
    const { referral, escortId, midwife } = await referAndAccept(village);
    expect((await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(first) })).status).toBe(200);
    const givenUp = await sut.request('POST', `/escorts/${escortId}/cancel`, {
      token: await tokens.escort(first),
      body: { reason: 'vehicle-problem', note: 'flat tyre' },
    });
    expect(givenUp.status).toBe(200);
    expectEscortView(givenUp.body);
    expect(givenUp.body).toMatchObject({ status: 'cancelled', cancelReason: 'vehicle-problem' });

    const seen = await sut.request('GET', `/referrals/${referral.id}`, { token: midwife });
    const [, reopened] = seen.body.escorts;
    expect(reopened).toMatchObject({ status: 'offered', wave: 'village' });
    const [offer] = await probe.waitFor((m) => m.key === reopened.escortId && typeOf(m) === EVENTS.escortOffered.type);
    expect(dataOf(offer)).toMatchObject({ responderIds: [second] });

    const cancelled = await sut.request('POST', `/escorts/${reopened.escortId}/cancel`, {
      token: midwife,
      body: { reason: 'no-longer-needed', note: 'family drives her' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'clinician', cancelNote: 'family drives her' });
    await eventually(() =>
      expect(hooksFor(second, 'escort.withdrawn').map((h) => h.body.payload)).toEqual([
        { escortId, reason: 'taken' }, // the first request, when the first responder took it
        { escortId: reopened.escortId, reason: 'cancelled' },
      ]),
    );
    const after = await sut.request('GET', `/referrals/${referral.id}`, { token: midwife });
    expect(after.body.escorts.map((e: { status: string }) => e.status)).toEqual(['cancelled', 'cancelled']);
    expect(after.body.status).toBe('accepted');
    // She came with her family: the hospital records the arrival.
    const arrival = await sut.request('POST', `/referrals/${referral.id}/arrival`, { token: hospital, body: {} });
    expect(arrival.status).toBe(200);
    const [completed] = await referralEvents(probe, referral.id, EVENTS.referralCompleted.type);
    expect(dataOf(completed)).toMatchObject({ arrivalReportedBy: 'hospital', hospitalId: HOSPITAL_1 });
  });

  it('takes only phone numbers as her contact, and lets nothing that looks like a NIK reach a responder (answer, feed, webhook)', async () => {
    const village = { code: '35.10.19.2005', name: 'Bedewang', district: 'Songgon' };
    const [r1, r2] = await registerResponders(sut, admin, [village.code], 2, { hookUrl: receiver.url });
    const snapshot = aSnapshot({ villageCode: village.code, villageName: village.name, districtName: village.district });
    await knownPregnancy(sut, probe, topicPrefix, snapshot);
    const midwife = await tokens.midwife([village.code]);
    const nik = '3510204705960001';
    // The edge: a NIK (however grouped), a foreign number and a stub are not Indonesian phone numbers.
    for (const contactPhone of [nik, '3510 2047 0596 0001', '+1 202 555 0100', '0812']) {
      const body = emergencyReferral(snapshot.pregnancyId, { pickup: { address: 'Dusun Krajan', contactPhone } });
      const refused = await sut.request('POST', '/referrals', { token: midwife, body });
      expect({ contactPhone, status: refused.status }).toEqual({ contactPhone, status: 400 });
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'pickup.contactPhone' }));
    }

    // Behind the edge: a referral stored before the check (or by a path that skipped it) holds her NIK in the phone
    // and, grouped, in the address.
    const created = await sut.request('POST', '/referrals', { token: midwife, body: emergencyReferral(snapshot.pregnancyId) });
    expect(created.status).toBe(201);
    await sut.db.query(
      `UPDATE referral SET contact_phone = $2, pickup = jsonb_set(pickup, '{address}', to_jsonb($3::text)) WHERE id = $1`,
      [created.body.id, nik, 'Dusun Krajan, NIK 3510.2047.0596.0001'],
    );
    const stream = await openEventStream(sut.baseUrl, await tokens.escort(r1));
    const accepted = await sut.request('POST', `/referrals/${created.body.id}/accept`, { token: hospital });
    expect(accepted.status).toBe(200);
    const escortId = accepted.body.escorts[0].escortId as string;

    const offered = await eventually(() => {
      const found = stream.events.find((e) => e.type === 'offer' && e.id === escortId);
      expect(found).toBeDefined();
      return found!.data;
    });
    const hooks = await eventually(() => {
      const found = [r1, r2].flatMap((r) => hooksFor(r, 'escort.offered')).filter((h) => h.body.payload.escortId === escortId);
      expect(found).toHaveLength(2);
      return found.map((h) => h.body.payload);
    });
    const answer = await sut.request('POST', `/escorts/${escortId}/accept`, { token: await tokens.escort(r1) });
    expect(answer.status).toBe(200);
    stream.close();
    const [requested] = await probe.waitFor((m) => m.key === escortId && typeOf(m) === EVENTS.escortRequested.type);

    for (const payload of [offered, ...hooks, answer.body, dataOf(requested)]) {
      expect(JSON.stringify(payload).replace(/[ .-]/g, '')).not.toContain(nik);
      expect(payload).toMatchObject({ contactPhone: null, pickup: { villageCode: village.code, address: null } });
    }
  });

  it('puts no clinical data on the escort topic: exact key sets, no pregnancy id, NIK, name, diagnosis or score', async () => {
    const messages = await eventually(() => {
      const found = probe.messages.filter((m) => m.topic === escortTopic);
      expect(found.length).toBeGreaterThan(20);
      return found;
    });
    expect(clinical.size).toBeGreaterThan(10);
    for (const m of messages) {
      const type = typeOf(m);
      const data = dataOf<Record<string, unknown> & { pickup?: object; destination?: object }>(m);
      expect({ type, keys: Object.keys(data).sort() }).toEqual({ type, keys: ESCORT_EVENT_KEYS[type] });
      if (data.pickup) expect(Object.keys(data.pickup).sort()).toEqual(PICKUP_KEYS);
      if (data.destination) expect(Object.keys(data.destination).sort()).toEqual(['address', 'facilityName', 'latitude', 'longitude']);
      const text = `${m.key} ${JSON.stringify(m.headers)} ${m.value}`;
      for (const fact of clinical) expect({ type, leaked: text.includes(fact) ? fact : null }).toEqual({ type, leaked: null });
      expect(text).not.toMatch(/\b\d{16}\b/); // no NIK
    }
    // The webhooks escorts received: the same minimised views only.
    for (const hook of receiver.hooks.filter((h) => h.body.recipient.kind === 'responder')) {
      const text = hook.raw;
      for (const fact of clinical) expect(text.includes(fact) ? fact : null).toBeNull();
    }
  });
});
