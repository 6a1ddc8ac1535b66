import type { Actor } from '@siaga/auth';
import { isAllowed } from './assessment-access';

const pregnancy = { id: 'p', villageCode: '35.10.20.2001', healthCenterId: 'hc-1' };
const actor = (overrides: Partial<Actor>): Actor => ({ userId: 'u', role: 'midwife', villageCodes: [], requestId: 'r', ...overrides });

describe(isAllowed.name, () => {
  it('lets a midwife see assessments in her own villages only', () => {
    expect(isAllowed(actor({ role: 'midwife', villageCodes: ['35.10.20.2001'] }), pregnancy)).toBe(true);
    expect(isAllowed(actor({ role: 'midwife', villageCodes: ['35.10.20.2002'] }), pregnancy)).toBe(false);
  });

  it('lets a doctor see assessments of her health center only', () => {
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: 'hc-1' }), pregnancy)).toBe(true);
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: 'hc-2' }), pregnancy)).toBe(false);
    expect(isAllowed(actor({ role: 'doctor' }), pregnancy)).toBe(false);
  });

  it.each(['escort', 'hospital', 'district', 'admin'] as const)('gives %s no access to a woman’s assessment', (role) => {
    expect(isAllowed(actor({ role, healthCenterId: 'hc-1', villageCodes: ['35.10.20.2001'] }), pregnancy)).toBe(false);
  });
});
