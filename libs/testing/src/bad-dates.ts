/**
 * Strings ISO 8601 (and class-validator's IsISO8601) allows that no contract means: the edge must answer each with
 * a 400 naming the field (issue 13). Before, each was a 500 or a wrong day stored.
 */
export const NOT_A_CALENDAR_DATE = [
  '2026-06',
  '2026-W40',
  '2026-300',
  '2026-100',
  '2026-W15-5',
  '20260410',
  '2026-02-30',
  '0000-01-01',
  '2026-04-10T08:00:00Z',
] as const;

/** ...and no instant: a date alone, a local time (its instant depends on the server's zone), a leap second. */
export const NOT_A_DATE_TIME = [
  '2026-06',
  '2026-W40',
  '2026-300',
  '2026-06-01',
  '2026-06-01T08:30:00',
  '2026-06-01T08:30Z',
  '2026-100T08:30:00Z',
  '2026-12-31T23:59:60Z',
] as const;
