import { TOPICS, deadLetterTopic } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@registration/app.module';
import { assessmentMessage } from './assessment-events';
import { SEMPU_VILLAGE, healthCenterId, registrationBody } from './fixtures';

describe('registration consuming assessments (inbox, sequence check, dead letters)', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  const assessmentTopic = `${topicPrefix}${TOPICS.assessment}`;
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwife: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    dataSource = sut.app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([deadLetterTopic(assessmentTopic)]);
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const newPregnancy = async (): Promise<string> =>
    (await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() })).body.id;
  const row = async (id: string) =>
    (await dataSource.query('SELECT risk_category, risk_score, version FROM pregnancy WHERE id = $1', [id]))[0] as {
      risk_category: string;
      risk_score: number;
      version: number;
    };

  it('applies assessments in order, ignores a redelivery and refuses an older event', async () => {
    const id = await newPregnancy();
    const first = assessmentMessage(id, 1, 'KRT', 6);
    await probe.send(assessmentTopic, [first, assessmentMessage(id, 2, 'KRST', 12)]);
    await eventually(async () => expect(await row(id)).toMatchObject({ risk_category: 'KRST', risk_score: 12 }));
    const versionAfterTwo = (await row(id)).version;

    // The same event again (same ce_id), then an older one under a new id, then a newer marker.
    await probe.send(assessmentTopic, [first, assessmentMessage(id, 1, 'KRR', 2), assessmentMessage(id, 3, 'KRST', 14)]);
    await eventually(async () => expect((await row(id)).risk_score).toBe(14));
    expect((await row(id)).version).toBe(versionAfterTwo + 1);

    const anomalies = await dataSource.query('SELECT kind, expected_sequence, received_sequence FROM sequence_anomaly WHERE subject = $1', [
      id,
    ]);
    expect(anomalies).toEqual([{ kind: 'out-of-order', expected_sequence: 3, received_sequence: 1 }]);
  });

  it('records a gap in the stream instead of applying it silently', async () => {
    const id = await newPregnancy();
    await probe.send(assessmentTopic, [assessmentMessage(id, 1, 'KRT', 6), assessmentMessage(id, 4, 'KRST', 16)]);
    await eventually(async () => expect((await row(id)).risk_score).toBe(16));
    const anomalies = await dataSource.query('SELECT kind, expected_sequence, received_sequence FROM sequence_anomaly WHERE subject = $1', [
      id,
    ]);
    expect(anomalies).toEqual([{ kind: 'gap', expected_sequence: 2, received_sequence: 4 }]);
  });

  it('sends a poison message to the dead-letter topic and goes on with the partition', async () => {
    const id = await newPregnancy();
    const broken = { ...assessmentMessage(id, 1, 'KRT', 6), value: '{"not": "an assessment"' };
    const invalid = assessmentMessage(id, 1, 'KRT', 6);
    invalid.value = JSON.stringify({ ...JSON.parse(invalid.value), category: 'PURPLE' });
    await probe.send(assessmentTopic, [broken, invalid, assessmentMessage(id, 1, 'KRST', 12)]);

    await eventually(async () => expect((await row(id)).risk_category).toBe('KRST'));
    const dead = await probe.waitFor((m) => m.key === id, 2);
    expect(dead.map((m) => m.headers.dlt_error_type).sort()).toEqual(['InvalidEventError', 'MalformedEventError']);
    expect(dead[0].headers).toMatchObject({ dlt_original_topic: assessmentTopic, dlt_consumer_group: 'registration.assessments' });
    expect(dead.find((m) => m.headers.dlt_error_type === 'InvalidEventError')?.headers.dlt_error_message).toContain('category');
  });
});
