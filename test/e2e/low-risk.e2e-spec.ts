import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { consumedAtLeast } from './support/metrics';
import { healthCenterStaff, lowRiskWoman, normalVisit, SEMPU } from './support/people';
import { setUpRegency, type Regency } from './support/regency';
import { startSystem, type RunningSystem } from './support/system';

const ASSESSMENT_TOPIC = 'siaga.risk-scoring.assessment.v1';
const EVERY_STATUS = 'open,acknowledged,resolved,closed';

/** Scenario 1: a low-risk woman is registered and visited; the whole system agrees she is KRR: no alert, no escort. */
describe('e2e: low-risk pregnancy', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  let regency: Regency;

  beforeAll(async () => {
    system = await startSystem();
    staff = await healthCenterStaff();
    regency = await setUpRegency(system.url('referral'), {
      healthCenterId: staff.healthCenterId,
      hospitals: [
        { name: 'RSUD Blambangan (e2e)', capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank'], at: [-8.36, 114.16] },
      ],
      responders: [
        { name: 'Bripka Sutrisno (e2e)', kind: 'police-officer', villageCodes: [SEMPU.code] },
        { name: 'Relawan Siti (e2e)', kind: 'volunteer', villageCodes: [SEMPU.code] },
      ],
    });
  }, 120_000);

  afterAll(() => system?.stop());

  it('registers, records a normal visit, and is scored KRR: no alert, no referral, nothing offered to escorts', async () => {
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

    // "Nothing happened" only means something once alerts and referral have seen every assessment of hers
    // (she is the only woman of this system): each stored assessment is one event on the topic.
    const history = await call(system.url('risk-scoring'), 'GET', `/pregnancies/${id}/assessments`, staff.doctor);
    expect(history.status).toBe(200);
    const assessments = history.body.items.length as number;
    expect(assessments).toBeGreaterThanOrEqual(2); // registration and the visit
    await consumedAtLeast(system.url('alerts'), ASSESSMENT_TOPIC, assessments, 60_000);
    await consumedAtLeast(system.url('referral'), ASSESSMENT_TOPIC, assessments, 60_000);

    // No alert for her: not at her health center, and not even one waiting for routing (the district sees those).
    const doctorsList = await call(system.url('alerts'), 'GET', `/alerts?status=${EVERY_STATUS}`, staff.doctor);
    expect(doctorsList.status).toBe(200);
    expect(doctorsList.body.items.filter((a: { pregnancy: { id: string } }) => a.pregnancy.id === id)).toEqual([]);
    const districtList = await call(system.url('alerts'), 'GET', `/alerts?status=${EVERY_STATUS}`, staff.district);
    expect(districtList.status).toBe(200);
    expect(districtList.body.items).toEqual([]);

    // No referral for her, and nothing offered to the on-duty police and volunteers of her village.
    const referrals = await call(system.url('referral'), 'GET', '/referrals', staff.doctor);
    expect(referrals.status).toBe(200);
    expect(referrals.body).toEqual([]);
    for (const responder of regency.responders) {
      const me = await call(system.url('referral'), 'GET', '/responders/me', responder.token);
      expect(me.body).toMatchObject({ onDuty: true, villageCodes: [SEMPU.code] });
      const offers = await call(system.url('referral'), 'GET', '/escorts/offers', responder.token);
      expect(offers.status).toBe(200);
      expect(offers.body).toEqual([]);
      const held = await call(system.url('referral'), 'GET', '/escorts', responder.token);
      expect(held.status).toBe(200);
      expect(held.body).toEqual([]);
    }
  }, 120_000);
});
