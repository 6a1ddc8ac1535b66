import { ANC_CONTACT_SCHEDULE, isOverdue, nextContactDue as sut, OVERDUE_GRACE_DAYS, type AncContact } from './visit-schedule';

// HPHT 2025-12-15: 12w0d = 2026-03-09, 14w0d = 2026-03-23, 16w0d = 2026-04-06, 22w0d = 2026-05-18.
const pregnancy = { hpht: '2025-12-15' };
const on = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

describe('ANC contact schedule', () => {
  it('has Permenkes 21/2021 split: 1 contact in trimester 1, 2 in trimester 2, 3 in trimester 3', () => {
    const perTrimester = [1, 2, 3].map((t) => ANC_CONTACT_SCHEDULE.filter((c) => c.trimester === t).length);
    expect(perTrimester).toEqual([1, 2, 3]);
  });

  it('puts every target in its trimester (T1 <= 13w6d, T2 14-27w, T3 >= 28w)', () => {
    const trimesterOf = (week: number): number => (week <= 13 ? 1 : week <= 27 ? 2 : 3);
    for (const c of ANC_CONTACT_SCHEDULE) expect(trimesterOf(c.targetWeek)).toBe(c.trimester);
  });

  it('derives windows and due days from the target weeks as documented', () => {
    const targets = ANC_CONTACT_SCHEDULE.map((c) => c.targetWeek);
    const expected: AncContact[] = targets.map((week, i) => ({
      contact: i + 1,
      trimester: ANC_CONTACT_SCHEDULE[i].trimester,
      targetWeek: week,
      windowStartDay: i === 0 ? 0 : Math.round(((targets[i - 1] + week) / 2) * 7),
      overdueFromDay: week * 7 + OVERDUE_GRACE_DAYS,
    }));
    expect(ANC_CONTACT_SCHEDULE).toEqual(expected);
  });

  it('makes contacts 1 and 3 overdue exactly when trimesters 1 and 2 end', () => {
    expect(ANC_CONTACT_SCHEDULE[0].overdueFromDay).toBe(14 * 7);
    expect(ANC_CONTACT_SCHEDULE[2].overdueFromDay).toBe(28 * 7);
  });
});

describe(sut.name, () => {
  it('without visits, contact 1 is due and overdue from 14w0d', () => {
    expect(sut(pregnancy, [], on('2026-03-22'))).toEqual({
      contact: 1,
      trimester: 1,
      targetWeek: 12,
      targetDate: '2026-03-09',
      overdueFrom: '2026-03-23',
      overdue: false,
      lastVisitDate: null,
    });
    expect(sut(pregnancy, [], on('2026-03-23'))?.overdue).toBe(true);
  });

  it('counts a visit for the nearest target: 15w6d is contact 1, 16w0d is contact 2', () => {
    expect(sut(pregnancy, [{ visitDate: '2026-04-05' }], on('2026-04-10'))?.contact).toBe(2);
    expect(sut(pregnancy, [{ visitDate: '2026-04-06' }], on('2026-04-10'))?.contact).toBe(3);
  });

  it('is overdue from target + 14 days of the next contact, not the day before', () => {
    const visits = [{ visitDate: '2026-03-09' }]; // 12w0d: contact 1 done, contact 2 (20w) next
    expect(isOverdue(pregnancy, visits, on('2026-05-17'))).toBe(false); // 21w6d
    expect(isOverdue(pregnancy, visits, on('2026-05-18'))).toBe(true); // 22w0d
  });

  it('uses the latest visit whatever the array order and ignores visits after asOf', () => {
    const visits = [{ visitDate: '2026-05-04' }, { visitDate: '2026-03-09' }, { visitDate: '2026-07-01' }];
    expect(sut(pregnancy, visits, on('2026-05-10'))).toMatchObject({ contact: 3, lastVisitDate: '2026-05-04' });
  });

  it('follows a late registration from where she is: first visit at 30 weeks makes contact 5 next', () => {
    expect(sut(pregnancy, [{ visitDate: '2026-07-13' }], on('2026-07-13'))).toMatchObject({
      contact: 5,
      targetWeek: 34,
      overdue: false,
    });
  });

  it('is null once the last contact window (from 36w0d) is reached', () => {
    expect(sut(pregnancy, [{ visitDate: '2026-08-23' }], on('2026-08-30'))?.contact).toBe(6); // 35w6d
    expect(sut(pregnancy, [{ visitDate: '2026-08-24' }], on('2026-08-30'))).toBeNull(); // 36w0d
    expect(isOverdue(pregnancy, [{ visitDate: '2026-08-24' }], on('2026-10-01'))).toBe(false);
  });

  it('takes a schedule variant', () => {
    const weekly: AncContact[] = [{ contact: 1, trimester: 1, targetWeek: 8, windowStartDay: 0, overdueFromDay: 63 }];
    expect(isOverdue(pregnancy, [], on('2026-02-16'), weekly)).toBe(true); // 9w0d
    expect(isOverdue(pregnancy, [], on('2026-02-16'))).toBe(false);
  });
});
