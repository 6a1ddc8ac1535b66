import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { consumedAtLeast } from './support/metrics';
import { breechVisit, healthCenterStaff, previousCaesareanWoman, SEMPU } from './support/people';
import { setUpRegency, type Regency } from './support/regency';
import { startSystem, type RunningSystem } from './support/system';

const DAY_MS = 86_400_000;
/** HPHT 266 days ago: HPL (HPHT + 280) is two weeks away, the first day of the planned-referral window. */
const HPHT_DAYS_AGO = 266;
/** Her neighbour, just as risky, is three weeks from HPL: not yet in the window. */
const NOT_YET_HPHT_DAYS_AGO = 259;
const CLINIC = 'Klinik Utama Sempu (e2e)';
const HOSPITAL = 'RSUD Genteng (e2e)';
const POLICE = 'Polsek Sempu (e2e)';
const VOLUNTEER = 'Relawan Siti (e2e)';

/**
 * Scenario 5: a KRST woman two weeks from her due date gets a planned referral, and once a hospital takes
 * her, an escort booked for the day of the pickup, without a midwife or doctor asking for either. The only
 * calls are the midwife's registration and visit, the hospital's answer and a responder's answer.
 */
describe('e2e: planned referral for a KRST woman near term', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  let regency: Regency;

  beforeAll(async () => {
    // The planned-referral job looks every 60 s in production.
    system = await startSystem({ PLANNED_REFERRAL_SCAN_MS: '300' });
    staff = await healthCenterStaff();
    regency = await setUpRegency(system.url('referral'), {
      healthCenterId: staff.healthCenterId,
      hospitals: [
        // Nearer, with an obstetrician but no caesarean section: not for a scarred uterus with a breech baby.
        { name: CLINIC, capabilities: ['obstetrician'], at: [-8.3, 114.17] },
        { name: HOSPITAL, capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank'], at: [-8.365, 114.155] },
      ],
      responders: [
        { name: POLICE, kind: 'police-unit', villageCodes: [SEMPU.code, '35.10.20.2002'], at: [-8.289, 114.163] },
        { name: VOLUNTEER, kind: 'volunteer', villageCodes: [SEMPU.code] },
      ],
    });
  }, 120_000);

  afterAll(() => system?.stop());

  it('refers her before labour and books her escort by itself', async () => {
    const registration = system.url('registration');
    const referral = system.url('referral');
    const registered = await call(registration, 'POST', '/pregnancies', staff.midwife, previousCaesareanWoman(HPHT_DAYS_AGO));
    expect(registered.status).toBe(201);
    const pregnancyId: string = registered.body.id;
    const hpl: string = registered.body.hpl;
    expect(Date.parse(hpl) - Date.parse(new Date().toISOString().slice(0, 10))).toBe(14 * DAY_MS);
    expect((await call(registration, 'POST', `/pregnancies/${pregnancyId}/visits`, staff.midwife, breechVisit())).status).toBe(201);
    const neighbour = await call(registration, 'POST', '/pregnancies', staff.midwife, previousCaesareanWoman(NOT_YET_HPHT_DAYS_AGO));
    expect(neighbour.status).toBe(201);
    const neighbourId: string = neighbour.body.id;
    expect((await call(registration, 'POST', `/pregnancies/${neighbourId}/visits`, staff.midwife, breechVisit())).status).toBe(201);

    // Previous caesarean (8) + breech at 37-38 weeks (8) + baseline (2): both KRST.
    for (const id of [pregnancyId, neighbourId]) {
      await eventually(async () => {
        const view = await call(registration, 'GET', `/pregnancies/${id}`, staff.midwife);
        expect(view.body.risk).toMatchObject({ category: 'KRST', score: 18 });
      }, 30_000);
    }

    // The planned referral appears by itself, offered to the nearest hospital able to do a caesarean.
    const planned = await eventually(async () => {
      const list = await call(referral, 'GET', '/referrals', staff.midwife);
      expect(list.status).toBe(200);
      const [hers] = list.body.filter((r: { pregnancyId: string }) => r.pregnancyId === pregnancyId);
      expect(hers).toBeDefined();
      const response = await call(referral, 'GET', `/referrals/${hers.id}`, staff.midwife);
      expect(response.body.status).toBe('offered');
      return response.body;
    }, 30_000);
    const hospital = regency.hospital(HOSPITAL);
    const pickupAt = new Date(Date.parse(`${hpl}T01:00:00Z`) - 7 * DAY_MS).toISOString(); // 08:00 WIB, a week before HPL
    expect(planned).toMatchObject({
      pregnancyId,
      origin: 'planned',
      alertId: null,
      urgency: 'planned',
      createdBy: 'system:planned-referral',
      transportNeeded: true,
      villageCode: SEMPU.code,
      pickupAt,
      currentHospital: { id: hospital.id, name: HOSPITAL },
    });
    expect(planned.reason).toContain('KRST');
    expect(planned.reason).toContain(hpl);
    expect(planned.requiredCapabilities).toEqual(['obstetrician', 'caesarean']);
    expect(planned.offers).toEqual([expect.objectContaining({ attempt: 1, hospitalId: hospital.id, outcome: 'pending' })]);
    expect(Date.parse(planned.offers[0].respondBy) - Date.parse(planned.offers[0].offeredAt)).toBe(4 * 3600 * 1000);
    expect(planned.steps.map((s: { kind: string }) => s.kind)).toEqual(['created', 'offered']);
    expect((await call(referral, 'GET', '/referrals', regency.hospital(CLINIC).staff)).body).toEqual([]);

    // The hospital takes her: an escort for the pickup day is offered to the police and volunteer of her village.
    const accepted = await call(referral, 'POST', `/referrals/${planned.id}/accept`, hospital.staff);
    expect(accepted.status).toBe(200);
    const police = regency.responder(POLICE);
    const volunteer = regency.responder(VOLUNTEER);
    const offers = await eventually(async () => {
      const seen = [];
      for (const responder of [police, volunteer]) {
        const response = await call(referral, 'GET', '/escorts/offers', responder.token);
        expect(response.body).toHaveLength(1);
        seen.push(response.body[0]);
      }
      return seen;
    }, 30_000);
    for (const offer of offers) {
      expect(offer).toMatchObject({
        status: 'offered',
        urgency: 'planned',
        pickup: { villageCode: SEMPU.code },
        destination: { facilityName: HOSPITAL },
        times: { pickupAt },
      });
    }
    expect(offers[1].escortId).toBe(offers[0].escortId);

    // A volunteer books it.
    const booked = await call(referral, 'POST', `/escorts/${offers[0].escortId}/accept`, volunteer.token);
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ status: 'accepted', times: { pickupAt } });
    expect((await call(referral, 'GET', '/escorts/offers', police.token)).body).toEqual([]);

    // The midwife sees the whole arrangement: hospital, escort, pickup time.
    const arranged = (await call(referral, 'GET', `/referrals/${planned.id}`, staff.midwife)).body;
    expect(arranged).toMatchObject({ status: 'accepted', currentHospital: { name: HOSPITAL }, pickupAt });
    expect(arranged.escorts).toEqual([
      expect.objectContaining({
        status: 'accepted',
        responder: expect.objectContaining({ name: VOLUNTEER }),
        times: expect.objectContaining({ pickupAt }),
      }),
    ]);

    // The job keeps scanning but refers her only once, and her neighbour not before her own window opens
    // (once the referral service has seen every assessment of both: each stored assessment is one event).
    let assessments = 0;
    for (const id of [pregnancyId, neighbourId]) {
      assessments += (await call(system.url('risk-scoring'), 'GET', `/pregnancies/${id}/assessments`, staff.doctor)).body.items
        .length as number;
    }
    await consumedAtLeast(referral, 'siaga.risk-scoring.assessment.v1', assessments, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const all = (await call(referral, 'GET', '/referrals', staff.midwife)).body;
    expect(all.map((r: { pregnancyId: string; origin: string }) => [r.pregnancyId, r.origin])).toEqual([[pregnancyId, 'planned']]);
  }, 120_000);
});
