import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { healthCenterStaff, lowRiskWoman } from './support/people';
import { setUpRegency, type Hospital, type Regency } from './support/regency';
import { startSystem, type RunningSystem } from './support/system';

/** How long each hospital has to answer an emergency referral in this test (production: 600 s). */
const ANSWER_SECONDS = 8;

const PONEK = ['obstetrician', 'ponek', 'caesarean', 'blood-bank'] as const;
const NEAREST_NO_PONEK = 'RS Bersalin Sempu (e2e)';
const FIRST = 'RSUD Genteng (e2e)';
const SECOND = 'RS Rogojampi (e2e)';
const THIRD = 'RSUD Blambangan (e2e)';
const OUTSIDE = 'RS Jember (e2e)';

/**
 * Scenario 3: the referral cascade. Three capable hospitals, nearest first: the first declines, the second
 * lets its (shortened) deadline pass, the third accepts. A nearer hospital without PONEK and a capable one
 * that does not serve her regency are never asked.
 */
describe('e2e: hospital cascade', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  let regency: Regency;

  beforeAll(async () => {
    system = await startSystem({ REFERRAL_EMERGENCY_ANSWER_SECONDS: String(ANSWER_SECONDS), REFERRAL_TIMER_POLL_MS: '200' });
    staff = await healthCenterStaff();
    regency = await setUpRegency(system.url('referral'), {
      healthCenterId: staff.healthCenterId,
      hospitals: [
        { name: NEAREST_NO_PONEK, capabilities: ['obstetrician', 'caesarean'], at: [-8.3, 114.17] },
        { name: FIRST, capabilities: [...PONEK], at: [-8.365, 114.155] },
        { name: SECOND, capabilities: [...PONEK], at: [-8.312, 114.29] },
        { name: THIRD, capabilities: [...PONEK, 'icu', 'nicu'], at: [-8.215, 114.362] },
        // Near enough, capable, but it serves Jember regency (35.09), not hers.
        { name: OUTSIDE, capabilities: [...PONEK, 'icu'], at: [-8.29, 114.15], servedAreas: ['35.09'] },
      ],
      responders: [],
    });
  }, 120_000);

  afterAll(() => system?.stop());

  const referralsOf = async (hospital: Hospital) => {
    const response = await call(system.url('referral'), 'GET', '/referrals', hospital.staff);
    expect(response.status).toBe(200);
    return response.body as { id: string; status: string; offerToMe: { attempt: number; outcome: string; respondBy: string } | null }[];
  };

  /** What a hospital's staff see once the referral reaches them: their offer, pending. */
  const waitForOffer = (hospital: Hospital, referralId: string, attempt: number) =>
    eventually(
      async () => {
        const [item] = (await referralsOf(hospital)).filter((r) => r.id === referralId);
        expect(item).toMatchObject({ status: 'offered', offerToMe: { attempt, outcome: 'pending' } });
        return item;
      },
      30_000,
      50,
    );

  it('declined by the first, timed out at the second, accepted by the third; every step recorded in order', async () => {
    const registration = system.url('registration');
    const referral = system.url('referral');
    const registered = await call(registration, 'POST', '/pregnancies', staff.midwife, lowRiskWoman(34 * 7));
    expect(registered.status).toBe(201);
    const pregnancyId: string = registered.body.id;

    // The doctor refers her directly (the clinician's way in); her family brings her, no escort.
    const created = await eventually(async () => {
      const response = await call(referral, 'POST', '/referrals', staff.doctor, {
        pregnancyId,
        urgency: 'emergency',
        reason: 'Antepartum haemorrhage at 34 weeks',
        icd10: 'O46.9',
        transportNeeded: false,
      });
      expect(response.status).toBe(201);
      return response.body;
    }, 30_000);
    const referralId: string = created.id;
    expect(created).toMatchObject({ origin: 'clinician', status: 'offered', attempt: 1 });
    expect(created.requiredCapabilities).toEqual(['obstetrician', 'ponek', 'caesarean', 'blood-bank']);

    const [first, second, third] = [FIRST, SECOND, THIRD].map((name) => regency.hospital(name));

    // 1. The nearest capable hospital declines.
    await waitForOffer(first, referralId, 1);
    const declined = await call(referral, 'POST', `/referrals/${referralId}/decline`, first.staff, {
      reason: 'no-room',
      note: 'VK penuh',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.offers).toEqual([expect.objectContaining({ attempt: 1, outcome: 'declined', declineReason: 'no-room' })]);

    // 2. The next one is asked and stays silent past its deadline.
    const secondOffer = await waitForOffer(second, referralId, 2);
    const askedSecondAt = Date.now();
    await eventually(
      async () => {
        const [item] = (await referralsOf(third)).filter((r) => r.id === referralId);
        expect(item?.offerToMe).toMatchObject({ attempt: 3, outcome: 'pending' });
      },
      ANSWER_SECONDS * 1000 + 30_000,
      50,
    );
    const movedOnAfterMs = Date.now() - askedSecondAt;
    // Its answer now comes too late, and the silent hospital sees its offer timed out.
    const tooLate = await call(referral, 'POST', `/referrals/${referralId}/accept`, second.staff);
    expect(tooLate.status).toBe(409);
    expect((await referralsOf(second)).find((r) => r.id === referralId)?.offerToMe).toMatchObject({ attempt: 2, outcome: 'timed-out' });

    // 3. The third accepts.
    const accepted = await call(referral, 'POST', `/referrals/${referralId}/accept`, third.staff);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', currentHospital: { id: third.id, name: THIRD } });
    // Hospital staff see only their own offer and no routing trail.
    expect(accepted.body.offers).toEqual([expect.objectContaining({ attempt: 3, hospitalName: THIRD, outcome: 'accepted' })]);
    expect(accepted.body.steps).toBeNull();

    // The referring doctor sees the whole history, hospitals in the order they were asked.
    const history = (await call(referral, 'GET', `/referrals/${referralId}`, staff.doctor)).body;
    expect(history).toMatchObject({ status: 'accepted', attempt: 3, currentHospital: { id: third.id } });
    expect(
      history.offers.map((o: { attempt: number; hospitalName: string; outcome: string }) => [o.attempt, o.hospitalName, o.outcome]),
    ).toEqual([
      [1, FIRST, 'declined'],
      [2, SECOND, 'timed-out'],
      [3, THIRD, 'accepted'],
    ]);
    const distances = history.offers.map((o: { distanceKm: number }) => o.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances); // nearest first
    const timedOut = history.offers[1];
    expect(Date.parse(timedOut.respondBy) - Date.parse(timedOut.offeredAt)).toBe(ANSWER_SECONDS * 1000);
    expect(Date.parse(timedOut.answeredAt)).toBeGreaterThanOrEqual(Date.parse(timedOut.respondBy));
    expect(timedOut.answeredBy).toBeNull();
    expect(
      history.steps.map((s: { kind: string; attempt: number | null; hospitalId: string | null }) => [s.kind, s.attempt, s.hospitalId]),
    ).toEqual([
      ['created', null, null],
      ['offered', 1, first.id],
      ['declined', 1, first.id],
      ['offered', 2, second.id],
      ['timed-out', 2, second.id],
      ['offered', 3, third.id],
      ['accepted', 3, third.id],
    ]);
    expect(history.steps.find((s: { kind: string }) => s.kind === 'declined').detail).toMatchObject({
      reason: 'no-room',
      note: 'VK penuh',
    });
    expect(history.steps.find((s: { kind: string }) => s.kind === 'timed-out').actor).toBe('system:referral-timer');
    // Never asked: the nearer hospital without PONEK, and the one outside her regency.
    for (const name of [NEAREST_NO_PONEK, OUTSIDE]) expect(await referralsOf(regency.hospital(name))).toEqual([]);

    console.log(
      `e2e cascade (system ${system.id}): second hospital asked → third hospital asked after ${movedOnAfterMs} ms ` +
        `(answer limit ${ANSWER_SECONDS} s, deadline ${secondOffer.offerToMe?.respondBy})`,
    );
  }, 120_000);
});
