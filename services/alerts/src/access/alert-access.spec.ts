import type { AccessAudit, AccessRecord, Actor } from '@siaga/auth';
import { AlertAccess, inListScope, isAllowed, listScopeOf, type AlertAction } from './alert-access';

const alert = { pregnancyId: 'p', healthCenterId: 'hc-1', villageCode: '35.10.20.2001', midwifeId: 'midwife-1' };
const actor = (overrides: Partial<Actor>): Actor => ({ userId: 'u', role: 'midwife', villageCodes: [], requestId: 'r', ...overrides });
const WRITES: AlertAction[] = ['alert.acknowledge', 'alert.release', 'alert.resolve'];
const READS: AlertAction[] = ['alert.read', 'alert.list', 'alert.stream'];

describe(isAllowed.name, () => {
  it('lets a doctor see and act on her health center’s alerts only', () => {
    for (const action of [...READS, ...WRITES]) {
      expect(isAllowed(actor({ role: 'doctor', healthCenterId: 'hc-1' }), action, alert)).toBe(true);
      expect(isAllowed(actor({ role: 'doctor', healthCenterId: 'hc-2' }), action, alert)).toBe(false);
      expect(isAllowed(actor({ role: 'doctor' }), action, alert)).toBe(false);
    }
  });

  it('lets no doctor near an alert whose health center is not known yet', () => {
    expect(isAllowed(actor({ role: 'doctor', healthCenterId: 'hc-1' }), 'alert.read', { ...alert, healthCenterId: null })).toBe(false);
  });

  it('lets a midwife read the alerts of her villages or of women assigned to her, never act', () => {
    const ofVillage = actor({ role: 'midwife', villageCodes: ['35.10.20.2001'] });
    const assigned = actor({ role: 'midwife', userId: 'midwife-1', villageCodes: ['35.10.20.2999'] });
    const stranger = actor({ role: 'midwife', villageCodes: ['35.10.20.2002'] });
    for (const action of READS) {
      expect(isAllowed(ofVillage, action, alert)).toBe(true);
      expect(isAllowed(assigned, action, alert)).toBe(true);
      expect(isAllowed(stranger, action, alert)).toBe(false);
    }
    for (const action of WRITES) {
      expect(isAllowed(ofVillage, action, alert)).toBe(false);
      expect(isAllowed(assigned, action, alert)).toBe(false);
    }
  });

  it('lets the assigned midwife read before the village is known, and no one by the village then', () => {
    const unrouted = { ...alert, villageCode: null, healthCenterId: null };
    expect(isAllowed(actor({ role: 'midwife', userId: 'midwife-1' }), 'alert.read', unrouted)).toBe(true);
    expect(isAllowed(actor({ role: 'midwife', villageCodes: ['35.10.20.2001'] }), 'alert.read', unrouted)).toBe(false);
    expect(isAllowed(actor({ role: 'midwife', userId: 'midwife-1' }), 'alert.read', { ...unrouted, midwifeId: null })).toBe(false);
  });

  it('lets no doctor in as the assigned midwife', () => {
    expect(isAllowed(actor({ role: 'doctor', userId: 'midwife-1', healthCenterId: 'hc-2' }), 'alert.read', alert)).toBe(false);
  });

  it('lets the district read every alert and act on none', () => {
    for (const action of READS) expect(isAllowed(actor({ role: 'district' }), action, { ...alert, healthCenterId: null })).toBe(true);
    for (const action of WRITES) expect(isAllowed(actor({ role: 'district' }), action, alert)).toBe(false);
  });

  it.each(['escort', 'hospital', 'admin'] as const)('gives %s no alert at all', (role) => {
    for (const action of [...READS, ...WRITES]) {
      expect(isAllowed(actor({ role, healthCenterId: 'hc-1', villageCodes: ['35.10.20.2001'], userId: 'midwife-1' }), action, alert)).toBe(
        false,
      );
    }
  });
});

describe(listScopeOf.name, () => {
  it('scopes lists and the live feed like single reads', () => {
    const doctor = listScopeOf(actor({ role: 'doctor', healthCenterId: 'hc-1' }))!;
    expect(inListScope(doctor, alert)).toBe(true);
    expect(inListScope(doctor, { ...alert, healthCenterId: 'hc-2' })).toBe(false);
    const midwife = listScopeOf(actor({ role: 'midwife', userId: 'midwife-1', villageCodes: [] }))!;
    expect(inListScope(midwife, alert)).toBe(true);
    expect(inListScope(midwife, { ...alert, midwifeId: 'someone-else' })).toBe(false);
    expect(inListScope(listScopeOf(actor({ role: 'district' }))!, alert)).toBe(true);
  });

  it('has no scope for escorts, hospitals, admins or a doctor without a health center', () => {
    for (const role of ['escort', 'hospital', 'admin'] as const) expect(listScopeOf(actor({ role }))).toBeNull();
    expect(listScopeOf(actor({ role: 'doctor' }))).toBeNull();
  });
});

describe(AlertAccess.name, () => {
  let recorded: AccessRecord[];
  const audit = {
    record: (...records: AccessRecord[]) => {
      recorded.push(...records);
      return Promise.resolve();
    },
  };
  const sut = new AlertAccess(audit as unknown as AccessAudit);
  beforeEach(() => (recorded = []));

  it('tells a midwife of the pregnancy that alerts are read-only for her, and a stranger that it is out of scope', async () => {
    await expect(sut.authorize(actor({ role: 'midwife', userId: 'midwife-1' }), 'alert.acknowledge', alert)).rejects.toThrow(/read-only/);
    await expect(sut.authorize(actor({ role: 'midwife', villageCodes: ['35.10.20.2002'] }), 'alert.acknowledge', alert)).rejects.toThrow(
      'This alert is outside your scope',
    );
    expect(recorded.map((r) => r.outcome)).toEqual(['denied', 'denied']);
  });

  it('records an allowed read of the assigned midwife', async () => {
    await sut.authorize(actor({ role: 'midwife', userId: 'midwife-1' }), 'alert.read', alert);
    expect(recorded).toEqual([expect.objectContaining({ action: 'alert.read', pregnancyId: 'p', outcome: 'allowed' })]);
  });
});
