import { addDays, ageInYears, completedYears, formatEpochDay, gestationalAge, hplFromHpht, parseIsoDate } from './dates';

describe('dates', () => {
  describe(parseIsoDate.name, () => {
    it('counts days from 1970-01-01 UTC', () => {
      expect(parseIsoDate('1970-01-01')).toBe(0);
      expect(parseIsoDate('2000-03-01')).toBe(11_017);
      expect(parseIsoDate('1900-01-01')).toBe(-25_567);
    });

    it('agrees with Date.UTC over many years, leap days included', () => {
      for (let day = -40_000; day <= 40_000; day += 97) {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(parseIsoDate(iso)).toBe(day);
        expect(formatEpochDay(day)).toBe(iso);
      }
    });

    it('reads the calendar date of a date-time as written', () => {
      expect(parseIsoDate('2026-03-01T07:00:00+07:00')).toBe(parseIsoDate('2026-03-01'));
    });

    it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-03-01', '2026/03/01', '2026-03-0x', ''])('rejects %p', (value) => {
      expect(() => parseIsoDate(value)).toThrow(RangeError);
    });

    it('accepts 29 February in a leap year', () => {
      expect(formatEpochDay(parseIsoDate('2024-02-29'))).toBe('2024-02-29');
    });
  });

  describe(hplFromHpht.name, () => {
    it('adds 280 days (Naegele)', () => {
      expect(hplFromHpht('2025-12-15')).toBe('2026-09-21');
      expect(hplFromHpht('2023-05-20')).toBe('2024-02-24');
    });

    it('counts 29 February when the pregnancy spans it', () => {
      expect(hplFromHpht('2024-02-01')).toBe('2024-11-07');
    });
  });

  describe(addDays.name, () => {
    it('crosses month and year ends', () => {
      expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    });
  });

  describe(gestationalAge.name, () => {
    it('gives completed weeks and days', () => {
      expect(gestationalAge('2025-12-15', '2026-06-01')).toEqual({ weeks: 24, days: 0, totalDays: 168 });
      expect(gestationalAge('2025-12-15', '2026-05-31')).toEqual({ weeks: 23, days: 6, totalDays: 167 });
    });

    it('reads a Date as its UTC day, whatever the time', () => {
      expect(gestationalAge('2025-12-15', new Date('2026-06-01T23:59:59.999Z'))?.totalDays).toBe(168);
      expect(gestationalAge('2025-12-15', new Date('2026-06-01T00:00:00.000Z'))?.totalDays).toBe(168);
    });

    it('is 0w0d on HPHT and null before it', () => {
      expect(gestationalAge('2025-12-15', '2025-12-15')).toEqual({ weeks: 0, days: 0, totalDays: 0 });
      expect(gestationalAge('2025-12-15', '2025-12-14')).toBeNull();
    });

    it('rejects an invalid Date', () => {
      expect(() => gestationalAge('2025-12-15', new Date('nope'))).toThrow(RangeError);
    });
  });

  describe(ageInYears.name, () => {
    it('turns a year older on the birthday, not the day before', () => {
      expect(ageInYears('1991-06-01', '2026-05-31')).toBe(34);
      expect(ageInYears('1991-06-01', '2026-06-01')).toBe(35);
      expect(ageInYears('1991-06-01', '2026-06-02')).toBe(35);
    });

    it('turns someone born on 29 February older on 1 March in a common year', () => {
      expect(ageInYears('2008-02-29', '2025-02-28')).toBe(16);
      expect(ageInYears('2008-02-29', '2025-03-01')).toBe(17);
    });

    it('turns someone born on 29 February older on 29 February in a leap year', () => {
      expect(ageInYears('2008-02-29', '2024-02-28')).toBe(15);
      expect(ageInYears('2008-02-29', '2024-02-29')).toBe(16);
    });

    it('handles a 28 February birthday across a leap year', () => {
      expect(ageInYears('2007-02-28', '2024-02-28')).toBe(17);
      expect(ageInYears('2007-02-28', '2024-02-27')).toBe(16);
    });
  });

  describe(completedYears.name, () => {
    it('is negative when the end is before the start', () => {
      expect(completedYears(parseIsoDate('2026-03-01'), parseIsoDate('2026-02-28'))).toBe(-1);
    });

    it('counts a year and 364 days as one year', () => {
      expect(completedYears(parseIsoDate('2023-12-16'), parseIsoDate('2025-12-15'))).toBe(1);
      expect(completedYears(parseIsoDate('2023-12-15'), parseIsoDate('2025-12-15'))).toBe(2);
    });
  });
});
