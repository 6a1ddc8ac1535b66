import { validateSync } from 'class-validator';
import { IsCalendarDate, IsRfc3339DateTime, isCalendarDate, isRfc3339DateTime, normalizeDateTime } from './date-formats';
import { EVENTS } from './event-catalog';
import { validateEventData } from './validate-event';

// Forms ISO 8601 allows (class-validator's IsISO8601 strict took them all) but no contract means.
const ISO_8601_NOT_A_CALENDAR_DATE = [
  '2026-100', // ordinal: PostgreSQL stores 2026-04-10, the engine cannot read it
  '2026-300',
  '2026-06',
  '2026',
  '2026-W40',
  '2026-W40-3',
  '20260410',
  '+2026-04-10',
];

describe(isCalendarDate.name, () => {
  it.each(['2026-04-10', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ...ISO_8601_NOT_A_CALENDAR_DATE,
    '2026-02-29', // not a leap year
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-04-00',
    '0000-01-01', // PostgreSQL has no year 0
    '2026-04-10T00:00:00Z', // a date-time is not a date
    '2026-4-10',
    ' 2026-04-10',
    '2026-04-10\n',
    '２０２６-04-10',
  ])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each([null, undefined, 20260410, new Date('2026-04-10'), ['2026-04-10']])('refuses a non-string (%p)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe(isRfc3339DateTime.name, () => {
  it.each([
    '2026-06-01T08:30:00Z',
    '2026-06-01T08:30:00+07:00',
    '2026-06-01T08:30:00.5-03:30',
    '2026-06-01T08:30:00.123456789+07:00',
    '2026-06-01t08:30:00z',
    '2024-02-29T23:59:59-00:00',
  ])('accepts %s', (value) => {
    expect(isRfc3339DateTime(value)).toBe(true);
  });

  it.each([
    ...ISO_8601_NOT_A_CALENDAR_DATE,
    '2026-06-01', // a date is not an instant
    '2026-06-01T08:30:00', // no offset: which instant depends on the server's time zone
    '2026-06-01T08:30Z', // no seconds
    '2026-06-01 08:30:00Z',
    '2026-100T08:30:00Z',
    '2026-W40-3T08:30:00Z',
    '2026-02-30T08:30:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T08:60:00Z',
    '2026-12-31T23:59:60Z', // leap second
    '2026-06-01T08:30:00+24:00',
    '2026-06-01T08:30:00+0700',
    '2026-06-01T08:30:00.Z',
    '2026-06-01T08:30:00.1234567890Z',
    '0001-01-01T00:30:00+01:00', // the instant is in year 0
    '9999-12-31T23:30:00-01:00', // the instant is in year 10000
  ])('refuses %j', (value) => {
    expect(isRfc3339DateTime(value)).toBe(false);
  });
});

describe(normalizeDateTime.name, () => {
  it('gives the UTC instant', () => {
    expect(normalizeDateTime('2026-06-01T08:30:00+07:00')).toBe('2026-06-01T01:30:00.000Z');
    expect(normalizeDateTime('2026-06-01t08:30:00.123456789z')).toBe('2026-06-01T08:30:00.123Z');
  });

  it('gives a date-time that passes the check it came through', () => {
    for (const value of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-01-01T00:00:00+14:00']) {
      expect(isRfc3339DateTime(normalizeDateTime(value))).toBe(true);
    }
  });

  it('refuses what is not a date-time', () => {
    expect(() => normalizeDateTime('2026-100')).toThrow(RangeError);
  });
});

describe('the decorators', () => {
  class Sample {
    @IsCalendarDate() day!: unknown;
    @IsRfc3339DateTime() at!: unknown;
  }
  const errorsOf = (day: unknown, at: unknown) =>
    validateSync(Object.assign(new Sample(), { day, at })).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

  it('name the field and the form it needs', () => {
    expect(errorsOf('2026-100', '2026-06-01T08:30:00')).toEqual([
      ['day', 'day must be a calendar date (YYYY-MM-DD)'],
      ['at', 'at must be an RFC 3339 date-time with an offset (e.g. 2026-06-01T08:30:00+07:00)'],
    ]);
    expect(errorsOf('2026-04-10', '2026-06-01T08:30:00Z')).toEqual([]);
  });
});

describe('the contracts use them', () => {
  const visit = (visitDate: string) => ({
    pregnancyId: '8d1c1f3e-1b8e-4c7e-9a51-3e0f3c5a7b10',
    visit: { visitId: '5b0e7f0c-3a55-4a7a-8f0e-2d1f6c9b4e21', visitDate, dangerSigns: [] },
  });

  it('refuses an ordinal visit date in a visit-recorded event, naming it', () => {
    expect(() => validateEventData(EVENTS.visitRecorded.type, visit('2026-100'))).toThrow(/visit\.visitDate/);
    expect(validateEventData(EVENTS.visitRecorded.type, visit('2026-04-10'))).toBeDefined();
  });

  it('refuses a closing time without an offset', () => {
    const closed = { pregnancyId: '8d1c1f3e-1b8e-4c7e-9a51-3e0f3c5a7b10', outcome: 'delivered', closedAt: '2026-11-01T10:00:00' };
    expect(() => validateEventData(EVENTS.pregnancyClosed.type, closed)).toThrow(/closedAt/);
  });
});
