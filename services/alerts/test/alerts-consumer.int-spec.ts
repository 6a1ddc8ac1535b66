import { randomUUID } from 'node:crypto';
import { EVENTS, TOPICS, type AlertRaisedV1, type AlertUpdatedV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isoDaysAgo, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@alerts/app.module';
import {
  SEVERE_PE,
  aSnapshot,
  alertEventsOf,
  anAssessment,
  assessed,
  cloudEvent,
  finding,
  produce,
  registered,
  typeOf,
  updated,
} from './fixtures';

/** Raising alerts from risk scoring's assessments, over the real Kafka and PostgreSQL. */
describe('alerts from assessments (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('alerts');
  const alertTopic = `${topicPrefix}${TOPICS.alert}`;
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let db: DataSource;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    db = sut.app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([alertTopic]);
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const alertsOf = (pregnancyId: string) =>
    db.query<{ id: string; kind: string; severity: string; status: string; health_center_id: string | null; rules: string[] }[]>(
      `SELECT id, kind, severity, status, health_center_id, (SELECT array_agg(f->>'ruleId') FROM jsonb_array_elements(findings) f) AS rules
       FROM alert WHERE pregnancy_id = $1 ORDER BY raised_at`,
      [pregnancyId],
    );

  /** Once the summary shows this assessment, every assessment before it on her partition was handled too. */
  const applied = (pregnancyId: string, assessmentId: string) =>
    eventually(async () => {
      const [row] = await db.query<{ assessment_id: string }[]>(`SELECT assessment_id FROM pregnancy_summary WHERE pregnancy_id = $1`, [
        pregnancyId,
      ]);
      expect(row?.assessment_id).toBe(assessmentId);
    });

  const registeredWoman = async () => {
    const snapshot = aSnapshot();
    await produce(probe, topicPrefix, registered(snapshot));
    await eventually(async () => {
      const [row] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pregnancy_summary WHERE pregnancy_id = $1 AND snapshot_sequence = 1`,
        [snapshot.pregnancyId],
      );
      expect(row.n).toBe(1);
    });
    return snapshot;
  };

  it('raises exactly one emergency alert from an emergency assessment delivered twice', async () => {
    const snapshot = await registeredWoman();
    const emergency = anAssessment(snapshot.pregnancyId, { score: 10, category: 'KRT', emergencies: SEVERE_PE });
    const event = assessed(emergency, 1);
    const marker = anAssessment(snapshot.pregnancyId, { score: 10, category: 'KRT', previousCategory: 'KRT' });
    // The same event twice (a redelivery), then a later one: once the later one is applied, both copies were.
    await produce(probe, topicPrefix, event, event, assessed(marker, 2));
    await applied(snapshot.pregnancyId, marker.assessmentId);

    const alerts = await alertsOf(snapshot.pregnancyId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'danger-sign',
      severity: 'emergency',
      status: 'open',
      health_center_id: snapshot.healthCenterId,
    });
    expect(alerts[0].rules).toEqual(['WHO-BP-SEVERE', 'WHO-PE-SEVERE', 'KSPR-CATEGORY']);

    const [raised] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    const data = JSON.parse(raised.value!) as AlertRaisedV1;
    expect(data).toMatchObject({
      alertId: alerts[0].id,
      pregnancyId: snapshot.pregnancyId,
      healthCenterId: snapshot.healthCenterId,
      villageCode: snapshot.villageCode,
      midwifeId: snapshot.midwifeId,
      kind: 'danger-sign',
      severity: 'emergency',
      score: 10,
      category: 'KRT',
      assessmentId: emergency.assessmentId,
    });
    // Default limit: an emergency is acknowledged within 15 minutes or it escalates.
    expect(Date.parse(data.acknowledgeBy) - Date.parse(data.raisedAt)).toBe(15 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything else would have been published by now
    expect(alertEventsOf(probe, snapshot.pregnancyId).map((e) => e.type)).toEqual([EVENTS.alertRaised.type]);
    const [transitions] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM alert_transition WHERE alert_id = $1`, [
      alerts[0].id,
    ]);
    expect(transitions.n).toBe(1);
  });

  it('keeps one alert when the same assessment comes again under another event id (its own guard)', async () => {
    const snapshot = await registeredWoman();
    const emergency = anAssessment(snapshot.pregnancyId, { emergencies: SEVERE_PE });
    const again = assessed(emergency, 2); // a new event id and sequence, the same assessment
    const marker = anAssessment(snapshot.pregnancyId);
    await produce(probe, topicPrefix, assessed(emergency, 1), again, assessed(marker, 3));
    await applied(snapshot.pregnancyId, marker.assessmentId);
    expect(await alertsOf(snapshot.pregnancyId)).toHaveLength(1);
    await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    expect(alertEventsOf(probe, snapshot.pregnancyId)).toHaveLength(1);
  });

  it('updates the open alert with new findings and a higher severity; a falling category closes nothing', async () => {
    const snapshot = await registeredWoman();
    const toKrt = anAssessment(snapshot.pregnancyId, {
      score: 6,
      category: 'KRT',
      previousCategory: 'KRR',
      factors: [
        { ruleId: 'KSPR-0', status: 'present', points: 2, facts: {} },
        { ruleId: 'KSPR-6', status: 'present', points: 4, facts: { ageYears: 36 } },
      ],
    });
    const toKrst = anAssessment(snapshot.pregnancyId, {
      score: 14,
      category: 'KRST',
      previousCategory: 'KRT',
      factors: [...toKrt.factors, { ruleId: 'KSPR-10', status: 'present', points: 8, facts: { previousCaesarean: true } }],
    });
    const fallsBack = anAssessment(snapshot.pregnancyId, { score: 6, category: 'KRT', previousCategory: 'KRST', factors: toKrt.factors });
    await produce(probe, topicPrefix, assessed(toKrt, 1), assessed(toKrst, 2), assessed(fallsBack, 3));
    await applied(snapshot.pregnancyId, fallsBack.assessmentId);

    const alerts = await alertsOf(snapshot.pregnancyId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'risk-rise', severity: 'high', status: 'open' });
    expect(alerts[0].rules).toEqual(['KSPR-CATEGORY', 'KSPR-6', 'KSPR-10']);
    const events = await probe.waitFor((m) => m.key === snapshot.pregnancyId, 2);
    expect(events.map(typeOf)).toEqual([EVENTS.alertRaised.type, EVENTS.alertUpdated.type]);
    const update = JSON.parse(events[1].value!) as AlertUpdatedV1;
    expect(update).toMatchObject({ alertId: alerts[0].id, severity: 'high', previousSeverity: 'medium', score: 14, category: 'KRST' });
    expect(update.findings.map((f) => f.ruleId)).toEqual(['KSPR-CATEGORY', 'KSPR-6', 'KSPR-10']);
    // The deadline shrank to high's 24 hours; medium's 72 would have been later.
    const [deadline] = await db.query<{ hours: number }[]>(
      `SELECT extract(epoch FROM acknowledge_by - raised_at) / 3600 AS hours FROM alert WHERE id = $1`,
      [alerts[0].id],
    );
    expect(Number(deadline.hours)).toBeLessThanOrEqual(24.01);
  });

  it('raises a low alert for a KRT woman overdue for her visit, none for a KRR one', async () => {
    const krt = await registeredWoman();
    const krr = await registeredWoman();
    const overdueKrt = anAssessment(krt.pregnancyId, {
      score: 6,
      category: 'KRT',
      previousCategory: 'KRT',
      warnings: [finding('OVERDUE-VISIT')],
    });
    const overdueKrr = anAssessment(krr.pregnancyId, { warnings: [finding('OVERDUE-VISIT')] });
    await produce(probe, topicPrefix, assessed(overdueKrt, 1), assessed(overdueKrr, 1));
    await applied(krt.pregnancyId, overdueKrt.assessmentId);
    await applied(krr.pregnancyId, overdueKrr.assessmentId);
    expect(await alertsOf(krt.pregnancyId)).toMatchObject([{ kind: 'overdue-visit', severity: 'low', rules: ['OVERDUE-VISIT'] }]);
    expect(await alertsOf(krr.pregnancyId)).toEqual([]);
  });

  it('holds an alert raised before her registration reached this service, and sends it to her health center when it does', async () => {
    const snapshot = aSnapshot();
    const emergency = anAssessment(snapshot.pregnancyId, { emergencies: SEVERE_PE });
    await produce(probe, topicPrefix, assessed(emergency, 1));
    await applied(snapshot.pregnancyId, emergency.assessmentId);
    const [waiting] = await alertsOf(snapshot.pregnancyId);
    expect(waiting).toMatchObject({ severity: 'emergency', status: 'open', health_center_id: null });
    // Doctors cannot see it yet (no health center), the district can.
    const district = await tokenFor({ role: 'district' });
    const list = await sut.request('GET', '/alerts', { token: district });
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(waiting.id);
    expect(alertEventsOf(probe, snapshot.pregnancyId)).toEqual([]);

    await produce(probe, topicPrefix, registered(snapshot));
    const [raised] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    expect(JSON.parse(raised.value!)).toMatchObject({
      alertId: waiting.id,
      healthCenterId: snapshot.healthCenterId,
      midwifeId: snapshot.midwifeId,
    });
    const doctor = await tokenFor({ role: 'doctor', hc: snapshot.healthCenterId });
    const seen = await sut.request('GET', `/alerts/${waiting.id}`, { token: doctor });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ pregnancy: { motherName: snapshot.motherName, villageName: 'Sempu' } });
    expect(seen.body.transitions[0]).toMatchObject({ transition: 'raised', by: 'system:assessments' });
    expect(seen.body.transitions[0].details.waitedSince).toEqual(expect.any(String));
  });

  it('keeps her latest visit date and newest snapshot from a stream of visits in any date order', async () => {
    const snapshot = aSnapshot();
    const visit = (sequence: number, daysAgo: number) =>
      cloudEvent('visitRecorded', snapshot.pregnancyId, sequence, {
        pregnancyId: snapshot.pregnancyId,
        visit: { visitId: randomUUID(), visitDate: isoDaysAgo(daysAgo), dangerSigns: [] },
      });
    const stream = [
      registered(snapshot),
      visit(2, 3),
      visit(3, 10), // recorded late: an older visit must not move her last visit back
      updated({ ...snapshot, motherName: 'Ibu Baru' }, 4),
      visit(5, 5),
    ];
    // One send: the events reach the consumer together, as a chunk.
    await probe.send(
      `${topicPrefix}${TOPICS.pregnancy}`,
      stream.map((e) => e.message),
    );

    await eventually(async () => {
      const [row] = await db.query<{ last_visit_date: string; mother_name: string; snapshot_sequence: number }[]>(
        `SELECT last_visit_date::text, mother_name, snapshot_sequence FROM pregnancy_summary WHERE pregnancy_id = $1`,
        [snapshot.pregnancyId],
      );
      expect(row).toEqual({ last_visit_date: isoDaysAgo(3), mother_name: 'Ibu Baru', snapshot_sequence: 4 });
    });
  });

  it('closes her open alerts when the pregnancy ends', async () => {
    const snapshot = await registeredWoman();
    const emergency = anAssessment(snapshot.pregnancyId, { emergencies: SEVERE_PE });
    await produce(probe, topicPrefix, assessed(emergency, 1));
    await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    await produce(
      probe,
      topicPrefix,
      cloudEvent('pregnancyClosed', snapshot.pregnancyId, 2, {
        pregnancyId: snapshot.pregnancyId,
        outcome: 'delivered',
        closedAt: new Date().toISOString(),
      }),
    );
    const [closed] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertClosed.type);
    expect(JSON.parse(closed.value!)).toMatchObject({ pregnancyId: snapshot.pregnancyId, reason: 'pregnancy-closed', referralId: null });
    expect(await alertsOf(snapshot.pregnancyId)).toMatchObject([{ status: 'closed' }]);
    const [timer] = await db.query<{ escalate_at: Date | null }[]>(`SELECT escalate_at FROM alert WHERE pregnancy_id = $1`, [
      snapshot.pregnancyId,
    ]);
    expect(timer.escalate_at).toBeNull();
  });

  it('closes an alert resolved with refer when its referral completes', async () => {
    const snapshot = await registeredWoman();
    await produce(probe, topicPrefix, assessed(anAssessment(snapshot.pregnancyId, { emergencies: SEVERE_PE }), 1));
    const [raised] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    const alertId = (JSON.parse(raised.value!) as AlertRaisedV1).alertId;
    const doctor = await tokenFor({ role: 'doctor', hc: snapshot.healthCenterId });
    const resolved = await sut.request('POST', `/alerts/${alertId}/resolve`, {
      token: doctor,
      body: { decision: 'refer', referral: { urgency: 'emergency', reason: 'severe pre-eclampsia', icd10: 'O14.1' } },
    });
    expect(resolved.status).toBe(200);

    const referralId = randomUUID();
    await produce(
      probe,
      topicPrefix,
      cloudEvent('referralCompleted', snapshot.pregnancyId, 1, {
        referralId,
        pregnancyId: snapshot.pregnancyId,
        alertId,
        hospitalId: randomUUID(),
        hospitalName: 'RSUD Blambangan',
        arrivedAt: new Date().toISOString(),
        arrivalReportedBy: 'escort',
      }),
    );
    const [closed] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertClosed.type);
    expect(JSON.parse(closed.value!)).toMatchObject({
      alertId,
      reason: 'referral-completed',
      referralId,
      healthCenterId: snapshot.healthCenterId,
    });
    const detail = await sut.request('GET', `/alerts/${alertId}`, { token: doctor });
    expect(detail.body).toMatchObject({ status: 'closed', closure: { reason: 'referral-completed', referralId } });
    expect(detail.body.transitions.map((t: { transition: string }) => t.transition)).toEqual([
      'raised',
      'acknowledged',
      'resolved',
      'closed',
    ]);
  });

  it('also closes a refer decision whose referral was already open (the completion names no alert)', async () => {
    const snapshot = await registeredWoman();
    await produce(probe, topicPrefix, assessed(anAssessment(snapshot.pregnancyId, { emergencies: SEVERE_PE }), 1));
    const [raised] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    const alertId = (JSON.parse(raised.value!) as AlertRaisedV1).alertId;
    const doctor = await tokenFor({ role: 'doctor', hc: snapshot.healthCenterId });
    const resolved = await sut.request('POST', `/alerts/${alertId}/resolve`, {
      token: doctor,
      body: { decision: 'refer', referral: { urgency: 'emergency', reason: 'severe pre-eclampsia', icd10: 'O14.1' } },
    });
    expect(resolved.status).toBe(200);
    const referralId = randomUUID();
    await produce(
      probe,
      topicPrefix,
      cloudEvent('referralCompleted', snapshot.pregnancyId, 1, {
        referralId,
        pregnancyId: snapshot.pregnancyId,
        alertId: null,
        hospitalId: randomUUID(),
        hospitalName: 'RSUD Blambangan',
        arrivedAt: new Date().toISOString(),
        arrivalReportedBy: 'hospital',
      }),
    );
    const [closed] = await probe.waitFor((m) => m.key === snapshot.pregnancyId && typeOf(m) === EVENTS.alertClosed.type);
    expect(JSON.parse(closed.value!)).toMatchObject({ alertId, reason: 'referral-completed', referralId });
  });
});
