import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The two date forms of every contract and every HTTP edge: a calendar date `YYYY-MM-DD` and an RFC 3339
 * date-time with an offset. One definition for both sides, so whatever an edge accepts every consumer accepts.
 * ISO 8601 also allows ordinal (`2026-100`), week (`2026-W40`) and reduced (`2026-06`) forms: PostgreSQL reads
 * some of them as another day, and the rules engine reads none of them (issue 13: a lost emergency).
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 section 5.6 (ABNF is case-insensitive: 't' and 'z' are allowed); at most nanoseconds.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):([0-5]\d))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** Years 0001 to 9999: PostgreSQL has no year 0 and JavaScript writes years past 9999 with a sign. */
const isRealDay = (year: number, month: number, day: number): boolean =>
  year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** Exactly `YYYY-MM-DD`, and a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * RFC 3339 `date-time`: a real day, a time and an offset (`Z` or `±hh:mm`), naming one instant whose UTC day
 * is in years 0001–9999. A leap second (`:60`) is refused: JavaScript and PostgreSQL cannot hold it.
 */
export function isRfc3339DateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  if (match === null || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return false;
  const utcYear = new Date(instant).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999;
}

/** The one way a date-time is stored and sent on: the UTC instant, `2026-06-01T01:30:00.000Z`. */
export function normalizeDateTime(value: string): string {
  if (!isRfc3339DateTime(value)) throw new RangeError(`Not an RFC 3339 date-time: ${JSON.stringify(value)}`);
  return new Date(value).toISOString();
}

export const CALENDAR_DATE_MESSAGE = 'must be a calendar date (YYYY-MM-DD)';
export const DATE_TIME_MESSAGE = 'must be an RFC 3339 date-time with an offset (e.g. 2026-06-01T08:30:00+07:00)';

/** A calendar date, `YYYY-MM-DD` (birth dates, HPHT, visit dates, due-date filters). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (value: unknown) => isCalendarDate(value), defaultMessage: () => `$property ${CALENDAR_DATE_MESSAGE}` },
    },
    options,
  );
}

/** An instant, RFC 3339 with an offset (times something happened or is planned); store it normalised. */
export function IsRfc3339DateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339DateTime',
      validator: { validate: (value: unknown) => isRfc3339DateTime(value), defaultMessage: () => `$property ${DATE_TIME_MESSAGE}` },
    },
    options,
  );
}

/** Either form, where a day or a moment both make sense (e.g. "score as of"). */
export function IsCalendarDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDateOrDateTime',
      validator: {
        validate: (value: unknown) => isCalendarDate(value) || isRfc3339DateTime(value),
        defaultMessage: () => `$property must be a calendar date (YYYY-MM-DD) or an RFC 3339 date-time with an offset`,
      },
    },
    options,
  );
}
