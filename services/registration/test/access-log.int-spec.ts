import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS, type AccessRecordedV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@registration/app.module';
import { DataSource } from 'typeorm';
import { SEMPU_VILLAGE, healthCenterId, registrationBody } from './fixtures';

/** Registration keeps the access records the other services publish: her access log covers the whole system. */
describe('system-wide access log', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwife: string;
  let district: string;

  const recorded = (pregnancyId: string, data: Partial<AccessRecordedV1>): AccessRecordedV1 => ({
    service: 'alerts',
    at: new Date().toISOString(),
    userId: 'doctor-7',
    role: 'doctor',
    scope: { healthCenterId, villageCodes: [], facilityId: null, responderId: null },
    action: 'alert.read',
    pregnancyId,
    resource: null,
    outcome: 'allowed',
    reason: null,
    requestId: randomUUID(),
    ...data,
  });
  const message = (type: string, data: AccessRecordedV1, sequence: number, id = randomUUID()) => ({
    key: data.pregnancyId,
    value: JSON.stringify(data),
    headers: {
      [CE_HEADERS.id]: id,
      [CE_HEADERS.source]: `siaga/${data.service}`,
      [CE_HEADERS.type]: type,
      [CE_HEADERS.subject]: data.pregnancyId,
      [CE_HEADERS.time]: data.at,
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.sequence]: String(sequence),
      [CE_HEADERS.contentType]: 'application/json',
    },
  });
  const logOf = async (pregnancyId: string) =>
    (await sut.request('GET', `/pregnancies/${pregnancyId}/access-log`, { token: district })).body;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    probe = new KafkaProbe();
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
    district = await tokenFor({ role: 'district' });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  it('answers "who looked at her record?" with every service’s records, each naming its service, once each', async () => {
    const pregnancyId: string = (await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() })).body.id;
    const fromAlerts = message(EVENTS.alertsAccessRecorded.type, recorded(pregnancyId, {}), 1);
    const fromReferral = recorded(pregnancyId, {
      service: 'referral',
      role: 'hospital',
      action: 'referral.read',
      outcome: 'denied',
      reason: 'outside the caller’s scope',
      resource: `/referrals/${randomUUID()}`,
    });
    const fromRiskScoring = recorded(pregnancyId, { service: 'risk-scoring', action: 'assessment.read' });
    await probe.send(`${topicPrefix}${TOPICS.alertsAccess}`, [fromAlerts, fromAlerts]); // delivered twice
    await probe.send(`${topicPrefix}${TOPICS.referralAccess}`, [message(EVENTS.referralAccessRecorded.type, fromReferral, 1)]);
    await probe.send(`${topicPrefix}${TOPICS.riskScoringAccess}`, [message(EVENTS.riskScoringAccessRecorded.type, fromRiskScoring, 1)]);

    await eventually(async () => {
      const entries: { service: string; action: string }[] = await logOf(pregnancyId);
      // Each look at the log is itself an access: 'access-log.read' is there once per call.
      expect([...new Set(entries.map((e) => `${e.service} ${e.action}`))].sort()).toEqual([
        'alerts alert.read',
        'referral referral.read',
        'registration access-log.read',
        'registration pregnancy.create',
        'risk-scoring assessment.read',
      ]);
      expect(entries.filter((e) => e.service === 'alerts')).toHaveLength(1);
    });
    const entries = await logOf(pregnancyId);
    expect(entries.find((e: { service: string }) => e.service === 'referral')).toEqual({
      at: fromReferral.at,
      service: 'referral',
      userId: 'doctor-7',
      role: 'hospital',
      action: 'referral.read',
      resource: fromReferral.resource,
      outcome: 'denied',
      reason: 'outside the caller’s scope',
      requestId: fromReferral.requestId,
    });
    // Newest first across services.
    const times = entries.map((e: { at: string }) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('keeps what it received append-only', async () => {
    await expect(sut.app.get(DataSource).query('DELETE FROM system_access_log')).rejects.toThrow(/append-only/);
  });
});
