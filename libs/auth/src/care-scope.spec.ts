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
});
