import type { Actor } from '@siaga/auth';
import { isAllowed } from './pregnancy-access';

const pregnancy = { id: 'p', villageCode: '35.10.20.2001', healthCenterId: 'hc-1' };
const actor = (overrides: Partial<Actor>): Actor => ({ userId: 'u', role: 'midwife', villageCodes: [], requestId: 'r', ...overrides });

describe(isAllowed.name, () => {
  it('lets a midwife read and write in her own villages only', () => {
    const sut = actor({ role: 'midwife', villageCodes: ['35.10.20.2001'] });
    expect(isAllowed(sut, 'visit.create', pregnancy)).toBe(true);
    expect(isAllowed({ ...sut, villageCodes: ['35.10.20.2002'] }, 'pregnancy.read', pregnancy)).toBe(false);
  });

  it('lets a doctor read but not write in her health center', () => {
    const sut = actor({ role: 'doctor', healthCenterId: 'hc-1' });
    expect(isAllowed(sut, 'pregnancy.read', pregnancy)).toBe(true);
    expect(isAllowed(sut, 'visit.create', pregnancy)).toBe(false);
    expect(isAllowed({ ...sut, healthCenterId: 'hc-2' }, 'pregnancy.read', pregnancy)).toBe(false);
  });

  it.each(['escort', 'hospital', 'district', 'admin'] as const)('gives %s no access to records', (role) => {
    expect(isAllowed(actor({ role, healthCenterId: 'hc-1', villageCodes: ['35.10.20.2001'] }), 'pregnancy.read', pregnancy)).toBe(false);
  });
});
