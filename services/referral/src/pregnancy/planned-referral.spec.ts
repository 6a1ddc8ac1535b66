import { historySummary } from './history-summary';
import { plannedPickupAt, plannedReferralDue, windowStart } from './planned-referral';

describe('planned referral (KSPR KRST before labour)', () => {
  const krst = { status: 'open' as const, riskCategory: 'KRST' as const, hpl: '2026-07-15' };

  it('opens the window 14 days before HPL', () => {
    expect(windowStart('2026-07-15', 14)).toBe('2026-07-01');
    expect(plannedReferralDue(krst, '2026-06-30', 14)).toBe(false);
    expect(plannedReferralDue(krst, '2026-07-01', 14)).toBe(true);
    expect(plannedReferralDue(krst, '2026-07-20', 14)).toBe(true); // post-term: still due
  });

  it('is only for open KRST pregnancies with a known due date', () => {
    expect(plannedReferralDue({ ...krst, riskCategory: 'KRT' }, '2026-07-10', 14)).toBe(false);
    expect(plannedReferralDue({ ...krst, status: 'closed' }, '2026-07-10', 14)).toBe(false);
    expect(plannedReferralDue({ ...krst, hpl: null }, '2026-07-10', 14)).toBe(false);
    expect(plannedReferralDue({ ...krst, riskCategory: null }, '2026-07-10', 14)).toBe(false);
  });

  it('books the pickup a week before HPL at 08:00 WIB, or now when that has passed', () => {
    expect(plannedPickupAt('2026-07-15', new Date('2026-07-01T10:00:00Z'), 7).toISOString()).toBe('2026-07-08T01:00:00.000Z');
    const late = new Date('2026-07-10T10:00:00Z');
    expect(plannedPickupAt('2026-07-15', late, 7)).toBe(late);
  });
});

describe(historySummary.name, () => {
  it('writes the obstetric formula, complications, conditions, score and signs', () => {
    const summary = historySummary({
      history: {
        gravida: 3,
        para: 2,
        abortus: 0,
        stillbirths: 0,
        livingChildren: 2,
        previousCaesarean: true,
        forcepsOrVacuum: false,
        manualPlacentaRemoval: true,
        infusionOrTransfusion: false,
      },
      conditions: ['anaemia'],
      riskScore: 18,
      riskCategory: 'KRST',
      riskRuleIds: ['KSPR-0', 'KSPR-10', 'KSPR-9b', 'KSPR-11a'],
      emergencyRuleIds: ['WHO-BP-SEVERE'],
      hpl: '2026-07-15',
    });
    expect(summary).toBe(
      'G3 P2 A0, 2 living; previous caesarean, manual placenta removal; conditions: anaemia; ' +
        'KSPR 18 (KRST): KSPR-10, KSPR-9b, KSPR-11a; danger signs: WHO-BP-SEVERE; HPL 2026-07-15',
    );
  });

  it('is null when nothing is known', () => {
    expect(
      historySummary({
        history: null,
        conditions: [],
        riskScore: null,
        riskCategory: null,
        riskRuleIds: [],
        emergencyRuleIds: [],
        hpl: null,
      }),
    ).toBeNull();
  });
});
