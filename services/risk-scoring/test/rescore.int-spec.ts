import { TOPICS } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@risk-scoring/app.module';
import { RESCORE_CAUSE_TYPE } from '@risk-scoring/assessment/assessment.service';
import { CURRENT_RULE_SET, type RuleSet } from '@risk-scoring/engine';
import { RescoreService } from '@risk-scoring/rescore/rescore.service';
import { SEMPU_VILLAGE, aSnapshot, assessmentCausedBy, assessmentsOnTopic, closed, healthCenterId, produce, registered } from './fixtures';

/** A district variant: short stature from ≤ 150 cm instead of ≤ 145 cm (KSPR-7). A new version, not a code fork. */
const TALLER_THRESHOLD: RuleSet = {
  ...CURRENT_RULE_SET,
  version: 'kspr-rochjati.v1-tb150+who-anc-dak.v1',
  kspr: { ...CURRENT_RULE_SET.kspr, shortStatureCm: { op: '<=', value: 150 } },
};

describe('re-score after a rule-set change (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('risk-scoring');
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let db: DataSource;
  // 148 cm: short only under the variant. 160 cm: never. The closed one is 148 cm too but must not be touched.
  const changes = aSnapshot({ heightCm: 148 });
  const stays = aSnapshot({ heightCm: 160 });
  const isClosed = aSnapshot({ heightCm: 148 });

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    db = sut.app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([`${topicPrefix}${TOPICS.assessment}`]);
    const events = [registered(changes), registered(stays), registered(isClosed)];
    await produce(probe, topicPrefix, ...events, closed(isClosed.pregnancyId, 2));
    for (const event of events) expect((await assessmentCausedBy(probe, event)).data).toMatchObject({ score: 2, category: 'KRR' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the closure be applied too
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const assessmentCount = async (): Promise<number> => {
    const [row] = await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM assessment');
    return row.n;
  };

  /** Waits for the n-th assessment event of a pregnancy and returns it. */
  const nthAssessment = async (pregnancyId: string, n: number) => {
    await probe.waitFor((m) => m.key === pregnancyId, n);
    return assessmentsOnTopic(probe, pregnancyId)[n - 1];
  };

  it('emits a new assessment only where the outcome changed, page by page', async () => {
    const status = await db.query<{ status: string }[]>('SELECT status FROM pregnancy_facts WHERE pregnancy_id = $1', [
      isClosed.pregnancyId,
    ]);
    expect(status).toEqual([{ status: 'closed' }]);

    const report = await sut.app.get(RescoreService).rescoreOpenPregnancies({ ruleSet: TALLER_THRESHOLD, batchSize: 1 });
    expect(report).toMatchObject({ examined: 2, changed: 1, ruleSetVersion: TALLER_THRESHOLD.version });

    const rescored = await nthAssessment(changes.pregnancyId, 2);
    expect(rescored).toMatchObject({ score: 6, category: 'KRT', previousCategory: 'KRR', ruleSetVersion: TALLER_THRESHOLD.version });
    expect(rescored.causedBy).toMatchObject({ eventType: RESCORE_CAUSE_TYPE, sequence: 1 });
    expect(rescored.factors.find((f) => f.ruleId === 'KSPR-7')).toMatchObject({ status: 'present', facts: { heightCm: 148 } });
    expect(await assessmentCount()).toBe(4);
    expect(assessmentsOnTopic(probe, stays.pregnancyId)).toHaveLength(1);
    expect(assessmentsOnTopic(probe, isClosed.pregnancyId)).toHaveLength(1);
  });

  it('changes nothing when run again with the same rules', async () => {
    const report = await sut.app.get(RescoreService).rescoreOpenPregnancies({ ruleSet: TALLER_THRESHOLD });
    expect(report).toMatchObject({ examined: 2, changed: 0 });
    expect(await assessmentCount()).toBe(4);
  });

  it('is an admin endpoint that re-scores with the deployed rule set', async () => {
    expect((await sut.request('POST', '/admin/rescore', { body: {} })).status).toBe(401);
    const midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
    expect((await sut.request('POST', '/admin/rescore', { token: midwife, body: {} })).status).toBe(403);
    const admin = await tokenFor({ role: 'admin' });
    expect((await sut.request('POST', '/admin/rescore', { token: admin, body: { batchSize: 0 } })).body.errors[0].field).toBe('batchSize');

    // Back to the deployed rules: 148 cm is no longer short, so the first pregnancy changes back; nothing else does.
    const response = await sut.request('POST', '/admin/rescore', { token: admin, body: {} });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ examined: 2, changed: 1, ruleSetVersion: CURRENT_RULE_SET.version });
    expect(await nthAssessment(changes.pregnancyId, 3)).toMatchObject({ score: 2, category: 'KRR', previousCategory: 'KRT' });
    expect(assessmentsOnTopic(probe, stays.pregnancyId)).toHaveLength(1);

    const audit = await db.query<{ action: string }[]>(`SELECT action FROM access_audit WHERE role = 'admin' AND outcome = 'allowed'`);
    expect(audit).toEqual([{ action: 'assessment.rescore' }]);
  });
});
