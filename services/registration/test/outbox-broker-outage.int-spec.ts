import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CE_HEADERS, EVENTS, TOPICS } from '@siaga/contracts';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@registration/app.module';
import { startKafka, stopKafka } from '@scripts/kafka/kafka.mjs';
import { SEMPU_VILLAGE, healthCenterId, registrationBody } from './fixtures';

/**
 * A broker of this test's own (so stopping it disturbs nobody): writes made while it is down are
 * accepted, kept in the outbox, and published in order once it is back.
 */
describe('outbox while the broker is down', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  const pregnancyTopic = `${topicPrefix}${TOPICS.pregnancy}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'siaga-kafka-outage-'));
  const port = 19200 + Math.floor(Math.random() * 700);
  const sharedBrokers = process.env.KAFKA_BROKERS;
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwife: string;

  beforeAll(async () => {
    const { brokers } = await startKafka({ port, dataDir, log: false });
    process.env.KAFKA_BROKERS = brokers.join(',');
    sut = await startService(AppModule, schema);
    probe = new KafkaProbe();
    await probe.watch([pregnancyTopic]);
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  }, 90_000);

  afterAll(async () => {
    await probe.close();
    await sut.close();
    await stopKafka({ dataDir, log: false });
    rmSync(dataDir, { recursive: true, force: true });
    process.env.KAFKA_BROKERS = sharedBrokers;
  });

  it('accepts registrations and visits during the outage and delivers them afterwards, in order', async () => {
    const before = await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() });
    await probe.waitFor((m) => m.key === before.body.id);

    await stopKafka({ dataDir, log: false });
    await eventually(async () => expect((await sut.request('GET', '/health/ready')).status).toBe(503), 15_000);

    const during = await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() });
    expect(during.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    for (const systolic of [120, 150, 170]) {
      const visit = await sut.request('POST', `/pregnancies/${during.body.id}/visits`, {
        token: midwife,
        body: { visitDate: today, systolic, diastolic: 80, dangerSigns: [] },
      });
      expect(visit.status).toBe(201);
    }

    await startKafka({ port, dataDir, log: false });
    const delivered = await probe.waitFor((m) => m.key === during.body.id, 4, 45_000);
    expect(delivered.map((m) => m.headers[CE_HEADERS.sequence])).toEqual(['1', '2', '3', '4']);
    expect(delivered.map((m) => m.headers[CE_HEADERS.type])).toEqual([
      EVENTS.pregnancyRegistered.type,
      EVENTS.visitRecorded.type,
      EVENTS.visitRecorded.type,
      EVENTS.visitRecorded.type,
    ]);
    expect(delivered.map((m) => JSON.parse(m.value!).visit?.systolic ?? null)).toEqual([null, 120, 150, 170]);
    await eventually(async () => expect((await sut.request('GET', '/health/ready')).status).toBe(200), 15_000);
  }, 120_000);
});
