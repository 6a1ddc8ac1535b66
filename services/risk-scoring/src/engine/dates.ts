/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01), without Date parsing:
 * the engine runs tens of thousands of times a second, and 'YYYY-MM-DD' is a calendar date, not an instant.
 * Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (proleptic Gregorian).
 */

const MS_PER_DAY = 86_400_000;

/** Naegele: due date (HPL) = HPHT + 280 days (domain reference, section 3). */
export const NAEGELE_DAYS = 280;

export interface GestationalAge {
  /** Completed weeks. */
  readonly weeks: number;
  /** Days into the current week, 0..6. */
  readonly days: number;
  readonly totalDays: number;
}

export function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day number as yyyymmdd, e.g. 20260301: comparable, and cheap to subtract for completed years. */
export function ymdFromEpochDay(epochDay: number): number {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Day number of an ISO 8601 date ('YYYY-MM-DD') or date-time. For a date-time the calendar date as
 * written is used (a visit recorded at 2026-03-01T07:00+07:00 happened on 1 March where it happened).
 * Throws RangeError on anything else: contracts are validated upstream, so this is a programming error.
 */
export function parseIsoDate(value: string): number {
  const ok = value.length >= 10 && value[4] === '-' && value[7] === '-' && (value.length === 10 || value[10] === 'T');
  const year = ok ? digits(value, 0, 4) : -1;
  const month = ok ? digits(value, 5, 7) : -1;
  const day = ok ? digits(value, 8, 10) : -1;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not an ISO 8601 date: "${value}"`);
  }
  return epochDayFromCivil(year, month, day);
}

/** The UTC calendar day of an instant. */
export function epochDayFromDate(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return Math.floor(ms / MS_PER_DAY);
}

export function epochDayOf(at: Date | string): number {
  return typeof at === 'string' ? parseIsoDate(at) : epochDayFromDate(at);
}

export function formatEpochDay(epochDay: number): string {
  const ymd = ymdFromEpochDay(epochDay);
  const year = Math.floor(ymd / 10_000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Completed years from one day to a later one (negative if `to` is earlier).
 * yyyymmdd subtraction compares month and day as a tuple, so someone born on 29 February
 * turns a year older on 1 March in common years (28 February is still before her birthday).
 */
export function completedYears(fromDay: number, toDay: number): number {
  return Math.floor((ymdFromEpochDay(toDay) - ymdFromEpochDay(fromDay)) / 10_000);
}

/** Age in completed years at a date (a Date is read as its UTC calendar day). */
export function ageInYears(birthDate: string, at: Date | string): number {
  return completedYears(parseIsoDate(birthDate), epochDayOf(at));
}

export function addDays(isoDate: string, days: number): string {
  return formatEpochDay(parseIsoDate(isoDate) + days);
}

/** HPL (due date) from HPHT by Naegele's rule. */
export function hplFromHpht(hpht: string): string {
  return addDays(hpht, NAEGELE_DAYS);
}

export function gestationalAgeFromDays(totalDays: number): GestationalAge | null {
  if (totalDays < 0) return null; // before HPHT: not pregnant by this record
  return { weeks: Math.floor(totalDays / 7), days: totalDays % 7, totalDays };
}

/** Gestational age from HPHT at a date, in completed weeks + days; null before HPHT. */
export function gestationalAge(hpht: string, at: Date | string): GestationalAge | null {
  return gestationalAgeFromDays(epochDayOf(at) - parseIsoDate(hpht));
}
