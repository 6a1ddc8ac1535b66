import { ValidationProblem } from '../problem/problem';
import { PageCursor, cursorPart } from './page-cursor';

describe(PageCursor.name, () => {
  const id = '0b6f3d52-4a63-4d7f-9a43-2f0d7f2b1c11';
  const sut = new PageCursor<[day: string, at: string, rank: number, id: string]>('listing', [
    cursorPart.date,
    cursorPart.timestamp,
    cursorPart.integer(0, 3),
    cursorPart.uuid,
  ]);
  const forged = (...values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const refusalOf = (raw: string): unknown => {
    try {
      sut.decode(raw);
      return null;
    } catch (error) {
      return error instanceof ValidationProblem ? error : `not a ValidationProblem: ${String(error)}`;
    }
  };

  it('decodes what it encoded', () => {
    const values: [string, string, number, string] = ['2026-02-28', '2026-06-01T02:15:00.123456Z', 3, id];
    expect(sut.decode(sut.encode(values))).toEqual(values);
  });

  it.each([
    ['a day that does not exist', ['listing', '2026-02-30', '2026-06-01T02:15:00Z', 1, id]],
    ['year zero', ['listing', '0000-01-01', '2026-06-01T02:15:00Z', 1, id]],
    ['an instant without a zone', ['listing', '2026-02-28', '2026-06-01T02:15:00', 1, id]],
    ['an hour that does not exist', ['listing', '2026-02-28', '2026-06-01T24:15:00Z', 1, id]],
    ['a rank as a string', ['listing', '2026-02-28', '2026-06-01T02:15:00Z', '1', id]],
    ['a rank out of range', ['listing', '2026-02-28', '2026-06-01T02:15:00Z', 32768, id]],
    ['another listing', ['other', '2026-02-28', '2026-06-01T02:15:00Z', 1, id]],
    ['a missing element', ['listing', '2026-02-28', '2026-06-01T02:15:00Z', 1]],
  ])('refuses %s as a 400 naming cursor', (_, values) => {
    expect(refusalOf(forged(...values))).toEqual(
      expect.objectContaining({ violations: [{ field: 'cursor', message: expect.any(String) }] }),
    );
  });

  it('refuses text that is not base64url JSON of an array', () => {
    for (const raw of ['nonsense', '', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('null').toString('base64url')]) {
      expect(refusalOf(raw)).toBeInstanceOf(ValidationProblem);
    }
  });

  it('takes either of two kinds of value where a part says so', () => {
    const due = new PageCursor<[string]>('due', [cursorPart.either(cursorPart.date, cursorPart.oneOf('infinity'))]);
    expect(due.decode(due.encode(['infinity']))).toEqual(['infinity']);
    expect(() => due.decode(forged('due', '-infinity'))).toThrow(ValidationProblem);
  });
});
