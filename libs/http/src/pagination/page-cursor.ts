import { ValidationProblem } from '../problem/problem';

/** A check of one element of a cursor, narrowing it to what the query binds it as. */
export type CursorPart<T> = (value: unknown) => value is T;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d{1,6})?Z$/;

/** A real day and time (it round-trips through Date unchanged) in years 1 to 9999, as PostgreSQL's date and timestamptz take. */
function isRealUtc(day: string, time = '00:00:00'): boolean {
  const parsed = Date.parse(`${day}T${time}Z`);
  return !Number.isNaN(parsed) && day >= '0001-01-01' && new Date(parsed).toISOString().slice(0, 19) === `${day}T${time}`;
}

const isTimestamp = (value: string): boolean => {
  const match = TIMESTAMP.exec(value);
  return match !== null && isRealUtc(match[1], match[2]);
};

/** The kinds of values Siaga's keyset pages continue from. */
export const cursorPart = {
  uuid: (value: unknown): value is string => typeof value === 'string' && UUID.test(value),
  /** A calendar day, YYYY-MM-DD. */
  date: (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && isRealUtc(value),
  /** An instant in UTC as toISOString writes it, up to microseconds (PostgreSQL's precision). */
  timestamp: (value: unknown): value is string => typeof value === 'string' && isTimestamp(value),
  integer:
    (min: number, max: number): CursorPart<number> =>
    (value): value is number =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
  oneOf:
    <T extends string | number>(...allowed: readonly T[]): CursorPart<T> =>
    (value): value is T =>
      allowed.includes(value as T),
  either:
    <A, B>(a: CursorPart<A>, b: CursorPart<B>): CursorPart<A | B> =>
    (value): value is A | B =>
      a(value) || b(value),
};

type Parts<T extends readonly unknown[]> = { readonly [K in keyof T]: CursorPart<T[K]> };

/**
 * An opaque page cursor: the last row's sort key, tagged with the listing it belongs to, as base64url JSON. Decoding
 * checks every element against what the query binds it as, so an edited cursor is a 400 naming `cursor`, never a
 * database error; a cursor of another listing (or another sort order) is refused the same way.
 */
export class PageCursor<T extends readonly unknown[]> {
  constructor(
    private readonly tag: string,
    private readonly parts: Parts<T>,
    private readonly field = 'cursor',
  ) {}

  encode(values: T): string {
    return Buffer.from(JSON.stringify([this.tag, ...values])).toString('base64url');
  }

  decode(raw: string): T {
    const values = this.parse(raw);
    if (values && values[0] === this.tag && values.length === this.parts.length + 1) {
      const rest = values.slice(1);
      if (this.parts.every((part, i) => part(rest[i]))) return rest as unknown as T;
    }
    throw new ValidationProblem([{ field: this.field, message: 'is not a cursor this API issued for this listing' }]);
  }

  private parse(raw: string): unknown[] | null {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
}
