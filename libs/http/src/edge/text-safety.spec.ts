import { unsafeTextViolations } from './text-safety';

describe(unsafeTextViolations.name, () => {
  const of = (body: unknown, query: unknown = {}, params: unknown = {}) => unsafeTextViolations({ body, query, params });

  it('names every string holding a NUL or a lone surrogate by its path, in params, query and body', () => {
    expect(
      of({ mother: { name: 'a\u0000b', notes: ['ok', '\ud800'] } }, { village: 'x\udc00' }, { id: '\u0000' }).map((v) => v.field),
    ).toEqual(['id', 'village', 'mother.name', 'mother.notes.1']);
  });

  it('names a key that holds one', () => {
    expect(of({ facts: { 'a\u0000': 1 } })).toEqual([{ field: 'facts."a\\u0000"', message: expect.stringMatching(/^key /) }]);
  });

  it('takes well-formed text: surrogate pairs, other control characters, numbers and nulls', () => {
    expect(of({ name: 'Siti 👶🏽', tab: 'a\tb', n: 1, none: null, list: [true] }, { q: 'é' })).toEqual([]);
  });

  it('names a body that is itself a bad string', () => {
    expect(of('\u0000')).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });

  it('stops at twenty', () => {
    expect(of(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
