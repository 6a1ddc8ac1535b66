import { randomUUID } from 'node:crypto';
import { EVENTS, TOPICS, type AlertResolvedV1, type PregnancySnapshotV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@alerts/app.module';
import {
  OTHER_VILLAGE,
  SEMPU_VILLAGE,
  SEVERE_PE,
  aSnapshot,
  anAssessment,
  assessed,
  finding,
  produce,
  registered,
  typeOf,
} from './fixtures';

/** The doctors' API over alerts raised through Kafka: triage list, access, acknowledge / resolve rules, refer. */
describe('alert triage API (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('alerts');
  const alertTopic = `${topicPrefix}${TOPICS.alert}`;
  const healthCenterId = randomUUID();
  const midwifeId = randomUUID();
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let db: DataSource;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    db = sut.app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([alertTopic]);
    Object.assign(tokens, {
      doctor: await tokenFor({ role: 'doctor', sub: 'dr-ayu', name: 'dr. Ayu Lestari', hc: healthCenterId }),
      colleague: await tokenFor({ role: 'doctor', sub: 'dr-budi', name: 'dr. Budi Santoso', hc: healthCenterId }),
      otherDoctor: await tokenFor({ role: 'doctor', hc: randomUUID() }),
      midwife: await tokenFor({ role: 'midwife', sub: midwifeId, hc: healthCenterId, villages: [SEMPU_VILLAGE] }),
      otherMidwife: await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [OTHER_VILLAGE] }),
      district: await tokenFor({ role: 'district' }),
      escort: await tokenFor({ role: 'escort', responder: randomUUID(), villages: [SEMPU_VILLAGE] }),
      hospital: await tokenFor({ role: 'hospital', facility: randomUUID() }),
      admin: await tokenFor({ role: 'admin' }),
    });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  /** Registers a woman of this health center and raises an alert from an assessment; returns the alert id. */
  async function raise(
    overrides: Partial<Parameters<typeof anAssessment>[1]> = { emergencies: SEVERE_PE },
    woman: Partial<PregnancySnapshotV1> = {},
  ): Promise<{ alertId: string; snapshot: PregnancySnapshotV1 }> {
    const snapshot = aSnapshot({ healthCenterId, midwifeId, ...woman });
    await produce(probe, topicPrefix, registered(snapshot), assessed(anAssessment(snapshot.pregnancyId, overrides), 1));
    const [raised] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    return { alertId: (JSON.parse(raised.value!) as { alertId: string }).alertId, snapshot };
  }

  const post = (path: string, token: string, body?: unknown) => sut.request('POST', path, { token, body });

  describe('triage list', () => {
    let emergency: string;
    let high: string;
    let medium: string;
    let olderEmergency: string;

    beforeAll(async () => {
      // Raised in this order: the list must put both emergencies first (oldest of them first), then high, then medium.
      medium = (await raise({ score: 6, category: 'KRT', previousCategory: 'KRR' })).alertId;
      olderEmergency = (await raise()).alertId;
      high = (await raise({ score: 14, category: 'KRST', previousCategory: 'KRT' })).alertId;
      emergency = (await raise()).alertId;
    });

    const ids = (body: { items: { id: string }[] }) => body.items.map((a) => a.id);

    it('lists most urgent, then oldest first, with the summary a doctor needs', async () => {
      const response = await sut.request('GET', '/alerts', { token: tokens.doctor });
      expect(response.status).toBe(200);
      const mine = ids(response.body).filter((id) => [emergency, high, medium, olderEmergency].includes(id));
      expect(mine).toEqual([olderEmergency, emergency, high, medium]);
      const first = response.body.items.find((a: { id: string }) => a.id === olderEmergency);
      expect(first).toMatchObject({
        kind: 'danger-sign',
        severity: 'emergency',
        status: 'open',
        ruleIds: ['WHO-BP-SEVERE', 'WHO-PE-SEVERE'],
        acknowledged: null,
        escalation: { level: 0, escalatedTo: null },
        pregnancy: {
          motherName: 'Ibu Siti Aminah',
          villageName: 'Sempu',
          gestationalAge: { weeks: 20, days: 0, label: '20w0d' },
          currentScore: 2,
        },
      });
      expect(first.findings[0]).toMatchObject({ ruleId: 'WHO-BP-SEVERE', facts: { systolic: 170, diastolic: 115 } });
    });

    it('filters by severity and status, and pages with a cursor', async () => {
      const emergencies = await sut.request('GET', '/alerts?severity=emergency', { token: tokens.doctor });
      expect(emergencies.body.items.every((a: { severity: string }) => a.severity === 'emergency')).toBe(true);
      expect(ids(emergencies.body)).toEqual(expect.arrayContaining([emergency, olderEmergency]));
      const highOrMedium = await sut.request('GET', '/alerts?severity=high,medium', { token: tokens.doctor });
      expect(ids(highOrMedium.body)).toEqual([high, medium]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await sut.request(
          'GET',
          `/alerts?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          { token: tokens.doctor },
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...ids(page.body));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await sut.request('GET', '/alerts?limit=200', { token: tokens.doctor });
      expect(seen).toEqual(ids(all.body));

      expect((await sut.request('GET', '/alerts?status=closed', { token: tokens.doctor })).body.items).toEqual([]);
    });

    it('names a bad filter or cursor', async () => {
      const bad = await sut.request('GET', '/alerts?severity=urgent', { token: tokens.doctor });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('severity');
      const badCursor = await sut.request('GET', '/alerts?cursor=nonsense', { token: tokens.doctor });
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.errors[0].field).toBe('cursor');
    });

    it.each([
      ['a severity rank beyond smallint', [99_999, '2026-06-01T00:00:00.000Z', randomUUID()]],
      ['a fractional rank', [1.5, '2026-06-01T00:00:00.000Z', randomUUID()]],
      ['a time PostgreSQL cannot read', [1, '+275760-09-13T00:00:00.000Z', randomUUID()]],
      ['a rank beyond smallint in the current shape', ['alerts', 99_999, '2026-06-01T00:00:00.000Z', randomUUID()]],
      ['a day that does not exist in the current shape', ['alerts', 1, '2026-02-30T00:00:00.000Z', randomUUID()]],
    ])('refuses an edited cursor (%s) with a 400 naming cursor', async (_, values) => {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      const response = await sut.request('GET', `/alerts?cursor=${cursor}`, { token: tokens.doctor });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('cursor');
    });

    it('shows each caller only her scope, and audits every alert listed', async () => {
      expect(ids((await sut.request('GET', '/alerts', { token: tokens.otherDoctor })).body)).toEqual([]);
      expect(ids((await sut.request('GET', '/alerts', { token: tokens.otherMidwife })).body)).toEqual([]);
      expect(ids((await sut.request('GET', '/alerts', { token: tokens.midwife })).body)).toEqual(expect.arrayContaining([emergency, high]));
      const forDistrict = (await sut.request('GET', '/alerts', { token: tokens.district })).body;
      expect(ids(forDistrict)).toEqual(expect.arrayContaining([emergency, high]));
      // The district reads every alert of the regency, without the women's names (aggregates, not names).
      expect(forDistrict.items.map((a: { pregnancy: { motherName: string | null } }) => a.pregnancy.motherName)).toEqual(
        forDistrict.items.map(() => null),
      );
      expect(forDistrict.items.find((a: { id: string }) => a.id === emergency).pregnancy).toMatchObject({
        villageName: 'Sempu',
        gestationalAge: { weeks: 20 },
      });
      for (const role of ['escort', 'hospital', 'admin'])
        expect((await sut.request('GET', '/alerts', { token: tokens[role] })).status).toBe(403);
      expect((await sut.request('GET', '/alerts')).status).toBe(401);

      const [audited] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM access_audit a JOIN alert al ON al.pregnancy_id = a.pregnancy_id
         WHERE al.id = $1 AND a.action = 'alert.list' AND a.role = 'midwife' AND a.outcome = 'allowed'`,
        [emergency],
      );
      expect(audited.n).toBeGreaterThanOrEqual(1);
    });
  });

  describe('reading one alert', () => {
    it('lets the doctors, her midwife and the district read it; nobody else, every decision audited', async () => {
      const { alertId, snapshot } = await raise();
      for (const role of ['doctor', 'midwife', 'district'])
        expect((await sut.request('GET', `/alerts/${alertId}`, { token: tokens[role] })).status).toBe(200);
      for (const role of ['otherDoctor', 'otherMidwife', 'escort', 'hospital']) {
        expect((await sut.request('GET', `/alerts/${alertId}`, { token: tokens[role] })).status).toBe(403);
      }
      // A midwife of another village still reads the alerts of a woman assigned to her.
      const assigned = await tokenFor({ role: 'midwife', sub: midwifeId, villages: [OTHER_VILLAGE] });
      expect((await sut.request('GET', `/alerts/${alertId}`, { token: assigned })).status).toBe(200);
      expect((await sut.request('GET', `/alerts/${randomUUID()}`, { token: tokens.doctor })).status).toBe(404);

      const audit = await db.query<{ entry: string }[]>(
        `SELECT role || ':' || outcome || ':' || action AS entry FROM access_audit WHERE pregnancy_id = $1`,
        [snapshot.pregnancyId],
      );
      expect(audit.map((a) => a.entry)).toEqual(
        expect.arrayContaining([
          'doctor:allowed:alert.read',
          'midwife:allowed:alert.read',
          'district:allowed:alert.read',
          'doctor:denied:alert.read',
          'midwife:denied:alert.read',
        ]),
      );
    });
  });

  describe('acknowledge and resolve', () => {
    it('lets one doctor claim it; a second gets 409 naming who has it', async () => {
      const { alertId } = await raise();
      const claimed = await post(`/alerts/${alertId}/acknowledge`, tokens.doctor);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({
        status: 'acknowledged',
        acknowledged: { by: 'dr-ayu', name: 'dr. Ayu Lestari' },
        escalation: { nextEscalationAt: null },
      });

      const again = await post(`/alerts/${alertId}/acknowledge`, tokens.doctor);
      expect(again.status).toBe(200); // a double tap changes nothing
      const conflict = await post(`/alerts/${alertId}/acknowledge`, tokens.colleague);
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toContain('application/problem+json');
      expect(conflict.body).toMatchObject({
        code: 'alert-acknowledged-by-other',
        acknowledgedBy: { userId: 'dr-ayu', name: 'dr. Ayu Lestari' },
      });
      expect(conflict.body.detail).toContain('dr. Ayu Lestari');
      const stolen = await post(`/alerts/${alertId}/resolve`, tokens.colleague, { decision: 'monitor' });
      expect(stolen.status).toBe(409);

      const detail = await sut.request('GET', `/alerts/${alertId}`, { token: tokens.doctor });
      expect(detail.body.transitions.map((t: { transition: string; by: string }) => `${t.transition}:${t.by}`)).toEqual([
        'raised:system:assessments',
        'acknowledged:dr-ayu',
      ]);
    });

    it('gives exactly one of two doctors acknowledging at the same moment the alert', async () => {
      const { alertId, snapshot } = await raise();
      const answers = await Promise.all([
        post(`/alerts/${alertId}/acknowledge`, tokens.doctor),
        post(`/alerts/${alertId}/acknowledge`, tokens.colleague),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertAcknowledged.type);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(probe.messages.filter((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertAcknowledged.type)).toHaveLength(1);
    });

    it('keeps midwives and the district read-only', async () => {
      const { alertId } = await raise();
      for (const role of ['midwife', 'district', 'escort']) {
        expect((await post(`/alerts/${alertId}/acknowledge`, tokens[role])).status).toBe(403);
        expect((await post(`/alerts/${alertId}/resolve`, tokens[role], { decision: 'monitor' })).status).toBe(403);
      }
      expect((await post(`/alerts/${alertId}/acknowledge`, tokens.otherDoctor)).status).toBe(403);
    });

    it('names what a decision lacks', async () => {
      const { alertId } = await raise();
      const cases: [unknown, string][] = [
        [{ decision: 'schedule-visit' }, 'visitDate'],
        [{ decision: 'schedule-visit', visitDate: '2020-01-01' }, 'visitDate'],
        [{ decision: 'refer' }, 'referral'],
        [{ decision: 'refer', referral: { urgency: 'emergency', reason: 'x', icd10: 'not-icd' } }, 'referral.icd10'],
        [{ decision: 'false-alarm' }, 'note'],
        [{ decision: 'monitor', referral: { urgency: 'planned', reason: 'x' } }, 'referral'],
        [{ decision: 'discharge' }, 'decision'],
      ];
      for (const [body, field] of cases) {
        const response = await post(`/alerts/${alertId}/resolve`, tokens.doctor, body);
        expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, field]);
      }
      expect((await sut.request('GET', `/alerts/${alertId}`, { token: tokens.doctor })).body.status).toBe('open');
    });

    it('resolves with schedule-visit and false-alarm, and refuses to decide twice', async () => {
      const visit = (await raise({ score: 6, category: 'KRT', previousCategory: 'KRR' })).alertId;
      const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const scheduled = await post(`/alerts/${visit}/resolve`, tokens.doctor, { decision: 'schedule-visit', visitDate: inThreeDays });
      expect(scheduled.status).toBe(200);
      expect(scheduled.body).toMatchObject({
        status: 'resolved',
        resolution: { decision: 'schedule-visit', visitDate: inThreeDays, by: 'dr-ayu' },
      });
      const twice = await post(`/alerts/${visit}/resolve`, tokens.doctor, { decision: 'monitor' });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'alert-already-decided', status: 409, alertStatus: 'resolved', decision: 'schedule-visit' });

      const falseAlarm = (await raise()).alertId;
      const dismissed = await post(`/alerts/${falseAlarm}/resolve`, tokens.doctor, {
        decision: 'false-alarm',
        note: 'cuff too small; 128/84 on re-measuring',
      });
      expect(dismissed.body).toMatchObject({
        status: 'resolved',
        resolution: { decision: 'false-alarm', note: 'cuff too small; 128/84 on re-measuring' },
      });
    });

    it('lets the holder release it: open again with a fresh deadline', async () => {
      const { alertId } = await raise();
      await post(`/alerts/${alertId}/acknowledge`, tokens.doctor);
      expect((await post(`/alerts/${alertId}/release`, tokens.colleague)).status).toBe(409);
      const released = await post(`/alerts/${alertId}/release`, tokens.doctor);
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ status: 'open', acknowledged: null });
      expect(Date.parse(released.body.escalation.nextEscalationAt)).toBeGreaterThan(Date.now() + 14 * 60_000);
      expect((await post(`/alerts/${alertId}/acknowledge`, tokens.colleague)).status).toBe(200);
    });

    it('emits, for refer, the event the referral service creates the referral from', async () => {
      const { alertId, snapshot } = await raise({ score: 10, category: 'KRT', emergencies: SEVERE_PE });
      const referral = {
        urgency: 'emergency',
        reason: 'BP 170/115 with severe headache',
        icd10: 'O14.1',
        treatmentGiven: 'MgSO4 4 g IV; nifedipine 10 mg',
      };
      // Straight from open: acknowledged and resolved in one step, both recorded.
      const response = await post(`/alerts/${alertId}/resolve`, tokens.doctor, { decision: 'refer', referral });
      expect(response.status).toBe(200);
      expect(response.body.transitions.map((t: { transition: string }) => t.transition)).toEqual(['raised', 'acknowledged', 'resolved']);

      const [message] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertResolved.type);
      const event = JSON.parse(message.value!) as AlertResolvedV1;
      expect(event).toEqual({
        alertId,
        pregnancyId: snapshot.pregnancyId,
        healthCenterId,
        villageCode: SEMPU_VILLAGE,
        midwifeId,
        kind: 'danger-sign',
        severity: 'emergency',
        decision: 'refer',
        visitDate: null,
        referral,
        note: null,
        findings: expect.arrayContaining([expect.objectContaining({ ruleId: 'WHO-BP-SEVERE' })]),
        score: 10,
        category: 'KRT',
        decidedBy: 'dr-ayu',
        decidedByName: 'dr. Ayu Lestari',
        decidedAt: response.body.resolution.at,
      });
      expect(message.headers).toMatchObject({ ce_subject: snapshot.pregnancyId, ce_source: 'siaga/alerts' });
      const types = probe.messages.filter((m) => m.key === snapshot.pregnancyId).map(typeOf);
      expect(types).toEqual([EVENTS.alertRaised.type, EVENTS.alertAcknowledged.type, EVENTS.alertResolved.type]);
      // Each transition names the event that announced it.
      const transitions = await db.query<{ event_id: string }[]>(`SELECT event_id FROM alert_transition WHERE alert_id = $1 ORDER BY id`, [
        alertId,
      ]);
      expect(transitions.map((t) => t.event_id)).toEqual(
        probe.messages.filter((m) => m.key === snapshot.pregnancyId).map((m) => m.headers.ce_id),
      );
    });

    it('keeps the transition trail append-only', async () => {
      await expect(db.query(`UPDATE alert_transition SET actor_id = 'someone-else'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM alert_transition`)).rejects.toThrow(/append-only/);
    });

    it('returns the first answer to a retried resolve with the same Idempotency-Key', async () => {
      const { alertId } = await raise();
      const headers = { 'idempotency-key': randomUUID() };
      const first = await sut.request('POST', `/alerts/${alertId}/resolve`, {
        token: tokens.doctor,
        body: { decision: 'monitor' },
        headers,
      });
      const retry = await sut.request('POST', `/alerts/${alertId}/resolve`, {
        token: tokens.doctor,
        body: { decision: 'monitor' },
        headers,
      });
      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.resolution).toEqual(first.body.resolution);
    });
  });

  describe('notifications', () => {
    it('enqueues an emergency for the midwife and the health center’s on-call doctor, at the addresses an admin set', async () => {
      const midwifeHook = 'https://hooks.example/midwife';
      const onCallHook = 'https://hooks.example/on-call';
      const set = (kind: string, id: string, address: string) =>
        sut.request('PUT', `/notification-endpoints/${kind}/${id}/webhook`, { token: tokens.admin, body: { address } });
      expect((await set('midwife', midwifeId, midwifeHook)).status).toBe(200);
      expect((await set('on-call', healthCenterId, onCallHook)).status).toBe(200);
      expect((await set('midwife', midwifeId, 'ftp://nope')).status).toBe(400);
      expect(
        (
          await sut.request('PUT', `/notification-endpoints/midwife/${midwifeId}/webhook`, {
            token: tokens.doctor,
            body: { address: midwifeHook },
          })
        ).status,
      ).toBe(403);

      const { alertId } = await raise();
      const { alertId: notEmergency } = await raise({ score: 14, category: 'KRST', previousCategory: 'KRR' });
      const queued = await eventually(async () => {
        const rows = await db.query<
          { recipient_kind: string; address: string; kind: string; payload: { alertId: string; ruleIds: string[] } }[]
        >(`SELECT recipient_kind, address, kind, payload FROM notification WHERE payload->>'alertId' = $1 ORDER BY recipient_kind`, [
          alertId,
        ]);
        expect(rows).toHaveLength(2);
        return rows;
      });
      expect(queued.map((n) => [n.recipient_kind, n.address, n.kind])).toEqual([
        ['midwife', midwifeHook, 'alert.emergency'],
        ['on-call', onCallHook, 'alert.emergency'],
      ]);
      expect(queued[0].payload.ruleIds).toEqual(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']);
      const [none] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notification WHERE payload->>'alertId' = $1`, [
        notEmergency,
      ]);
      expect(none.n).toBe(0);
    });

    it('audits every admin read and change of recipients’ contact details (phones, webhook URLs)', async () => {
      const adminId = randomUUID();
      const admin = await tokenFor({ role: 'admin', sub: adminId });
      const endpoint = `/notification-endpoints/midwife/${midwifeId}/webhook`;
      expect((await sut.request('PUT', endpoint, { token: admin, body: { address: 'https://hooks.example/m' } })).status).toBe(200);
      expect((await sut.request('GET', '/notification-endpoints?recipientKind=midwife', { token: admin })).status).toBe(200);
      expect((await sut.request('GET', '/notifications', { token: admin })).status).toBe(200);
      expect((await sut.request('DELETE', endpoint, { token: admin })).status).toBe(204);

      const audited = await db.query<{ action: string; resource: string; outcome: string; role: string }[]>(
        `SELECT action, resource, outcome, role FROM access_audit WHERE user_id = $1 ORDER BY id`,
        [adminId],
      );
      expect(audited).toEqual([
        { action: 'notification-endpoint.update', resource: endpoint, outcome: 'allowed', role: 'admin' },
        {
          action: 'notification-endpoint.list',
          resource: '/notification-endpoints?recipientKind=midwife',
          outcome: 'allowed',
          role: 'admin',
        },
        { action: 'notification.list', resource: '/notifications', outcome: 'allowed', role: 'admin' },
        { action: 'notification-endpoint.delete', resource: endpoint, outcome: 'allowed', role: 'admin' },
      ]);
    });
  });

  it('raises no alert for a woman whose warnings need no doctor', async () => {
    const snapshot = aSnapshot({ healthCenterId, midwifeId });
    const quiet = anAssessment(snapshot.pregnancyId, { warnings: [finding('WHO-HB')] });
    await produce(probe, topicPrefix, registered(snapshot), assessed(quiet, 1));
    await eventually(async () => {
      const [row] = await db.query<{ assessment_id: string }[]>(`SELECT assessment_id FROM pregnancy_summary WHERE pregnancy_id = $1`, [
        snapshot.pregnancyId,
      ]);
      expect(row?.assessment_id).toBe(quiet.assessmentId);
    });
    const [count] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM alert WHERE pregnancy_id = $1`, [snapshot.pregnancyId]);
    expect(count.n).toBe(0);
  });
});
