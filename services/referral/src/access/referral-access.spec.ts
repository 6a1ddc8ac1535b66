import type { Actor } from '@siaga/auth';
import { isAllowed, seesDestination, type ScopedReferral } from './referral-access';

const HC = '11111111-1111-4111-8111-111111111111';
const HOSPITAL = '22222222-2222-4222-8222-222222222222';
const referral: ScopedReferral = {
  id: '33333333-3333-4333-8333-333333333333',
  pregnancyId: '44444444-4444-4444-8444-444444444444',
  villageCode: '35.10.20.2001',
  healthCenterId: HC,
  offeredTo: [HOSPITAL],
};
const actor = (overrides: Partial<Actor>): Actor => ({ userId: 'u', role: 'midwife', villageCodes: [], requestId: 'r', ...overrides });

describe('referral access', () => {
  it('lets a midwife act on referrals of her villages only', () => {
    expect(isAllowed(actor({ villageCodes: ['35.10.20.2001'] }), 'referral.create', referral)).toBe(true);
    expect(isAllowed(actor({ villageCodes: ['35.10.20.2002'] }), 'referral.read', referral)).toBe(false);
    expect(isAllowed(actor({ villageCodes: ['35.10.20.2001'] }), 'referral.answer', referral)).toBe(false);
  });

  it('lets no midwife in by her health center', () => {
    expect(isAllowed(actor({ villageCodes: ['35.10.20.2002'], healthCenterId: HC }), 'referral.read', referral)).toBe(false);
  });

  it('lets no doctor in by village codes', () => {
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: HOSPITAL, villageCodes: ['35.10.20.2001'] }), 'referral.read', referral)).toBe(
      false,
    );
  });

  it.each(['referral.answer', 'referral.arrival', 'referral.redirect'] as const)('lets no clinician %s, even in scope', (action) => {
    expect(isAllowed(actor({ villageCodes: ['35.10.20.2001'] }), action, referral)).toBe(false);
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: HC }), action, referral)).toBe(false);
  });

  it('lets a doctor act on referrals of her health center only', () => {
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: HC }), 'referral.cancel', referral)).toBe(true);
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: HOSPITAL }), 'referral.read', referral)).toBe(false);
    expect(isAllowed(actor({ role: 'doctor' }), 'referral.read', referral)).toBe(false);
  });

  it('lets hospital staff in by their facility only, never by the care scope', () => {
    expect(isAllowed(actor({ role: 'hospital', healthCenterId: HC, villageCodes: ['35.10.20.2001'] }), 'referral.read', referral)).toBe(
      false,
    );
  });

  it('lets hospital staff read and answer referrals sent to their facility only', () => {
    expect(isAllowed(actor({ role: 'hospital', facilityId: HOSPITAL }), 'referral.answer', referral)).toBe(true);
    expect(isAllowed(actor({ role: 'hospital', facilityId: HC }), 'referral.read', referral)).toBe(false);
    expect(isAllowed(actor({ role: 'hospital', facilityId: HOSPITAL }), 'referral.cancel', referral)).toBe(false);
  });

  it('lets the district see and redirect all, and escorts and admins none', () => {
    expect(isAllowed(actor({ role: 'district' }), 'referral.redirect', referral)).toBe(true);
    expect(isAllowed(actor({ role: 'district' }), 'referral.create', referral)).toBe(false);
    expect(isAllowed(actor({ role: 'escort', responderId: HOSPITAL, villageCodes: ['35.10.20.2001'] }), 'referral.read', referral)).toBe(
      false,
    );
    expect(isAllowed(actor({ role: 'admin' }), 'referral.read', referral)).toBe(false);
  });

  it('shows a hospital where she went only while it is the current target; the referring side and the district always', () => {
    expect(seesDestination(actor({ role: 'hospital', facilityId: HOSPITAL }), { currentHospitalId: HOSPITAL })).toBe(true);
    expect(seesDestination(actor({ role: 'hospital', facilityId: HOSPITAL }), { currentHospitalId: HC })).toBe(false);
    expect(seesDestination(actor({ role: 'hospital', facilityId: HOSPITAL }), { currentHospitalId: null })).toBe(false);
    expect(seesDestination(actor({ role: 'hospital' }), { currentHospitalId: HOSPITAL })).toBe(false);
    expect(seesDestination(actor({ villageCodes: ['35.10.20.2001'] }), { currentHospitalId: HOSPITAL })).toBe(true);
    expect(seesDestination(actor({ role: 'district' }), { currentHospitalId: HOSPITAL })).toBe(true);
  });
});
