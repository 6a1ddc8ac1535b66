import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { person } from './support/identity';
import { emergencyVisit, healthCenterStaff, lowRiskWoman } from './support/people';
import { setUpRegency, type Regency } from './support/regency';
import { startSystem, type RunningSystem } from './support/system';

const PONEK_HOSPITAL = 'RSUD Genteng (access-log e2e)';

interface Entry {
  service: string;
  userId: string;
  role: string;
  action: string;
  outcome: string;
}

/**
 * "Who looked at my record?" across the system: a doctor reads her alert in alerts and her assessment in risk
 * scoring, the hospital reads her referral in referral, and each read is in registration's access log for her
 * pregnancy, naming the service that served it. The four services run as processes over the real Kafka.
 */
describe('e2e: the access log covers every service', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  let regency: Regency;

  beforeAll(async () => {
    system = await startSystem();
    staff = await healthCenterStaff();
    regency = await setUpRegency(system.url('referral'), {
      healthCenterId: staff.healthCenterId,
      hospitals: [{ name: PONEK_HOSPITAL, capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank'], at: [-8.365, 114.155] }],
      responders: [],
    });
  }, 120_000);

  afterAll(() => system?.stop());

  it('shows a doctor’s reads in alerts and risk scoring and a hospital’s read in referral in her access log', async () => {
    const [registration, riskScoring, alerts, referral] = (['registration', 'risk-scoring', 'alerts', 'referral'] as const).map((s) =>
      system.url(s),
    );
    const { id: doctorId, token: doctor } = await person({ role: 'doctor', hc: staff.healthCenterId, name: 'dr. Ayu Lestari' });
    const registered = await call(registration, 'POST', '/pregnancies', staff.midwife, lowRiskWoman(30 * 7));
    expect(registered.status).toBe(201);
    const pregnancyId: string = registered.body.id;
    expect((await call(registration, 'POST', `/pregnancies/${pregnancyId}/visits`, staff.midwife, emergencyVisit())).status).toBe(201);

    const alertId = await eventually(async () => {
      const list = await call(alerts, 'GET', '/alerts?severity=emergency', doctor);
      const mine = list.body.items.filter((a: { pregnancy: { id: string } }) => a.pregnancy.id === pregnancyId);
      expect(mine).toHaveLength(1);
      return mine[0].id as string;
    }, 60_000);
    expect((await call(alerts, 'GET', `/alerts/${alertId}`, doctor)).status).toBe(200);
    expect((await call(riskScoring, 'GET', `/pregnancies/${pregnancyId}/assessment`, doctor)).status).toBe(200);
    await call(alerts, 'POST', `/alerts/${alertId}/acknowledge`, doctor);
    const referred = await call(alerts, 'POST', `/alerts/${alertId}/resolve`, doctor, {
      decision: 'refer',
      referral: { urgency: 'emergency', reason: 'BP 170/115 with severe headache', icd10: 'O14.1' },
    });
    expect(referred.status).toBe(200);
    const hospital = regency.hospital(PONEK_HOSPITAL).staff;
    const referralId = await eventually(async () => {
      const offered = await call(referral, 'GET', '/referrals', hospital);
      expect(offered.body).toHaveLength(1);
      return offered.body[0].id as string;
    }, 60_000);
    expect((await call(referral, 'GET', `/referrals/${referralId}`, hospital)).status).toBe(200);

    const seen = (entries: Entry[]) => new Set(entries.map((e) => `${e.service} ${e.role} ${e.action} ${e.outcome}`));
    const entries = await eventually(async () => {
      const log = await call(registration, 'GET', `/pregnancies/${pregnancyId}/access-log`, staff.district);
      expect(log.status).toBe(200);
      const found = seen(log.body);
      for (const expected of [
        'alerts doctor alert.read allowed',
        'risk-scoring doctor assessment.read allowed',
        'referral hospital referral.read allowed',
        'registration midwife visit.create allowed',
      ]) {
        expect(found).toContain(expected);
      }
      return log.body as Entry[];
    }, 60_000);
    expect(entries.filter((e) => e.service !== 'registration' && e.role === 'doctor').every((e) => e.userId === doctorId)).toBe(true);
  });
});
