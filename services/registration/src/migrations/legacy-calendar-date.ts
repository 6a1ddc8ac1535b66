import { isCalendarDate } from '@siaga/contracts';

const DAY_MS = 86_400_000;
// What class-validator's IsISO8601 (strict) let in before the edge took calendar dates only; a time part is ignored.
const CALENDAR = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]|$)/;
const ORDINAL = /^(\d{4})-?(\d{3})(?:[T\s]|$)/;
const WEEK_DAY = /^(\d{4})-?W(\d{2})-?([1-7])(?:[T\s]|$)/;

const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Monday of ISO week 1: the week with 4 January in it. */
function isoWeekOneMonday(year: number): number {
  const fourth = Date.UTC(year, 0, 4);
  return fourth - ((new Date(fourth).getUTCDay() + 6) % 7) * DAY_MS;
}

/**
 * The calendar date (YYYY-MM-DD) a stored ISO 8601 string names, or null when it names no single day (a year,
 * a month, a week). A date-time gives the day as written, as the rules engine read it.
 */
export function legacyCalendarDate(value: string): string | null {
  const calendar = CALENDAR.exec(value);
  if (calendar) {
    const date = `${calendar[1]}-${calendar[2]}-${calendar[3]}`;
    return isCalendarDate(date) ? date : null;
  }
  const ordinal = ORDINAL.exec(value);
  if (ordinal) {
    const [year, day] = [Number(ordinal[1]), Number(ordinal[2])];
    const date = format(Date.UTC(year, 0, day));
    return day >= 1 && date.startsWith(ordinal[1]) ? date : null;
  }
  const week = WEEK_DAY.exec(value);
  if (week) {
    const [year, weekNo, weekday] = [Number(week[1]), Number(week[2]), Number(week[3])];
    const date = isoWeekOneMonday(year) + ((weekNo - 1) * 7 + weekday - 1) * DAY_MS;
    // Week 53 exists only in some years: its days must still belong to that ISO year.
    return weekNo >= 1 && date < isoWeekOneMonday(year + 1) ? format(date) : null;
  }
  return null;
}
