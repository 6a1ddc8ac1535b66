import { dueDateFromHpht, gestationalDays, nextContactDue } from './anc-schedule';

describe('ANC schedule', () => {
  it('puts HPL 280 days after HPHT', () => {
    expect(dueDateFromHpht('2026-01-01')).toBe('2026-10-08');
  });

  it('counts completed gestational days', () => {
    expect(gestationalDays('2026-01-01', '2026-01-15')).toBe(14);
  });

  it('expects contact 1 by week 12, overdue from 14w0d, when she has had no contact', () => {
    expect(nextContactDue('2026-01-01', null)).toEqual({ contact: 1, targetDate: '2026-03-26', overdueFrom: '2026-04-09' });
  });

  it('counts a visit for the nearest target: at 15w6d it is contact 1, at 16w0d contact 2', () => {
    expect(nextContactDue('2026-01-01', '2026-04-22')?.contact).toBe(2); // 15w6d
    expect(nextContactDue('2026-01-01', '2026-04-23')?.contact).toBe(3); // 16w0d
  });

  it('has nothing due once the last window is reached', () => {
    expect(nextContactDue('2026-01-01', '2026-09-10')).toBeNull(); // 36w0d
  });
});
