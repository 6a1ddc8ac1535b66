import { legacyCalendarDate } from './legacy-calendar-date';

describe(legacyCalendarDate.name, () => {
  it.each([
    ['2026-04-10', '2026-04-10'],
    ['20260410', '2026-04-10'],
    ['2026-04-10T23:30:00-05:00', '2026-04-10'], // the day as written, as the rules engine read it
    ['2026-04-10T10:00', '2026-04-10'],
    ['2026-100', '2026-04-10'], // ordinal: what PostgreSQL stored for it
    ['2026100', '2026-04-10'],
    ['2024-366', '2024-12-31'],
    ['2026-W15-5', '2026-04-10'], // ISO week date
    ['2026W155', '2026-04-10'],
    ['2026-W01-1', '2025-12-29'], // week 1 starts in the year before
    ['2020-W53-7', '2021-01-03'],
    ['2026-W53-1', '2026-12-28'], // 2026 has 53 ISO weeks
  ])('reads %s as %s', (value, expected) => {
    expect(legacyCalendarDate(value)).toBe(expected);
  });

  it.each(['2026', '2026-06', '2026-W40', '2026-366', '2026-000', '2025-W53-1', '2026-02-30', 'yesterday'])(
    'finds no single day in %s',
    (value) => {
      expect(legacyCalendarDate(value)).toBeNull();
    },
  );
});
