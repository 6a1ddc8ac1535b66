import type { Principal } from './principal';
import { inCareScope } from './care-scope';

const place = { villageCode: '35.10.20.2001', healthCenterId: 'hc-1' };
const who = (overrides: Partial<Principal>): Principal => ({ userId: 'u', role: 'midwife', villageCodes: [], ...overrides });

describe(inCareScope.name, () => {
  it('gives a midwife her villages only', () => {
    expect(inCareScope(who({ villageCodes: ['35.10.20.2001'] }), place)).toBe(true);
    expect(inCareScope(who({ villageCodes: ['35.10.20.2002'], healthCenterId: 'hc-1' }), place)).toBe(false);
  });

  it('gives a doctor her health center only, and nothing without one', () => {
    expect(inCareScope(who({ role: 'doctor', healthCenterId: 'hc-1' }), place)).toBe(true);
    expect(inCareScope(who({ role: 'doctor', healthCenterId: 'hc-2' }), place)).toBe(false);
    expect(inCareScope(who({ role: 'doctor' }), place)).toBe(false);
  });

  it.each(['hospital', 'escort', 'district', 'admin'] as const)('gives %s no clinical record', (role) => {
    expect(inCareScope(who({ role, healthCenterId: 'hc-1', villageCodes: ['35.10.20.2001'] }), place)).toBe(false);
  });

  it('lets nobody in by a key that is not known yet', () => {
    const unknown = { villageCode: null, healthCenterId: null };
    expect(inCareScope(who({ villageCodes: ['35.10.20.2001'] }), unknown)).toBe(false);
    expect(inCareScope(who({ role: 'doctor', healthCenterId: 'hc-1' }), unknown)).toBe(false);
    expect(inCareScope(who({ role: 'doctor' }), unknown)).toBe(false);
  });

  describe('with an assigned midwife', () => {
    const assigned = { assignedMidwifeId: 'midwife-1' };

    it('admits her outside her villages, even where the village is not known yet', () => {
      const sut = who({ userId: 'midwife-1', villageCodes: ['35.10.20.2999'] });
      expect(inCareScope(sut, place)).toBe(false);
      expect(inCareScope(sut, place, assigned)).toBe(true);
      expect(inCareScope(sut, { ...place, villageCode: null }, assigned)).toBe(true);
    });

    it('admits no other midwife, and nobody when no midwife is assigned', () => {
      expect(inCareScope(who({ userId: 'midwife-2' }), place, assigned)).toBe(false);
      expect(inCareScope(who({ userId: 'midwife-1' }), place, { assignedMidwifeId: null })).toBe(false);
      expect(inCareScope(who({ userId: 'midwife-1' }), place, {})).toBe(false);
    });

    it('keeps the village rule for the other midwives', () => {
      expect(inCareScope(who({ userId: 'midwife-2', villageCodes: ['35.10.20.2001'] }), place, assigned)).toBe(true);
    });

    it.each(['doctor', 'hospital', 'escort', 'district', 'admin'] as const)('admits no %s by that user id', (role) => {
      expect(inCareScope(who({ role, userId: 'midwife-1', healthCenterId: 'hc-2' }), place, assigned)).toBe(false);
    });
  });
});
