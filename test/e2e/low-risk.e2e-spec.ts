import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { healthCenterStaff, lowRiskWoman, normalVisit } from './support/people';
import { startSystem, type RunningSystem } from './support/system';

/** Scenario 1: a low-risk woman is registered and visited; the whole system agrees she is KRR. */
describe('e2e: low-risk pregnancy', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;

  beforeAll(async () => {
    system = await startSystem();
    staff = await healthCenterStaff();
  }, 120_000);

  afterAll(() => system?.stop());

  it('registers, records a normal visit, and is scored KRR with no emergency', async () => {
    const registration = system.url('registration');
    const registered = await call(registration, 'POST', '/pregnancies', staff.midwife, lowRiskWoman());
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    expect((await call(registration, 'POST', `/pregnancies/${id}/visits`, staff.midwife, normalVisit())).status).toBe(201);

    const assessment = await eventually(async () => {
      const response = await call(system.url('risk-scoring'), 'GET', `/pregnancies/${id}/assessment`, staff.doctor);
      expect(response.status).toBe(200);
      expect(response.body.causedBy.eventType).toBe('id.siaga.registration.visit-recorded.v1');
      return response.body;
    }, 30_000);
    expect(assessment).toMatchObject({ score: 2, category: 'KRR', emergencies: [] });

    await eventually(async () => {
      const view = await call(registration, 'GET', `/pregnancies/${id}`, staff.midwife);
      expect(view.body.risk).toMatchObject({ category: 'KRR', score: 2, hasEmergency: false });
    }, 30_000);
  }, 90_000);
});
