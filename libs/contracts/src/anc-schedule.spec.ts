import { dueDateFromHpht, gestationalDays, nextContactDue } from './anc-schedule';

describe('ANC schedule', () => {
  it('puts HPL 280 days after HPHT', () => {
    expect(dueDateFromHpht('2026-01-01')).toBe('2026-10-08');
  });

  it('counts completed gestational days', () => {
    expect(gestationalDays('2026-01-01', '2026-01-15')).toBe(14);
  });

  it('expects the first contact by week 12 for a woman registered early', () => {
    expect(nextContactDue('2026-01-01', null, '2026-02-01')).toBe('2026-03-26');
  });

  it('expects the next scheduled week after her last contact', () => {
    // last contact at 20w0d → next at 26w
    expect(nextContactDue('2026-01-01', '2026-05-21', '2026-02-01')).toBe('2026-07-02');
  });

  it('has nothing due after the last scheduled week', () => {
    expect(nextContactDue('2026-01-01', '2026-09-24', '2026-02-01')).toBeNull();
  });
});
