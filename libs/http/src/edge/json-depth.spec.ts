import { tooDeepJsonPath } from './json-depth';

describe(tooDeepJsonPath.name, () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('takes JSON up to the limit and names the path of the first container beyond it', () => {
    expect(tooDeepJsonPath(nested(4), 4)).toBeNull();
    expect(tooDeepJsonPath(nested(5), 4)).toBe('0.0.0.0');
    expect(tooDeepJsonPath(`{"a":1,"b":{"c":[1,2,${nested(3)}]}}`, 4)).toBe('b.c.2.0');
  });

  it('counts siblings, not their sum', () => {
    expect(tooDeepJsonPath(`[${Array.from({ length: 100 }, () => nested(3)).join(',')}]`, 4)).toBeNull();
  });

  it('ignores brackets inside strings, escaped quotes included, and decodes escaped keys', () => {
    expect(tooDeepJsonPath(JSON.stringify({ a: '[[[[[[', b: 'x\\"[[[[[[' }), 2)).toBeNull();
    expect(tooDeepJsonPath('{"k\\u0065y":[[[]]]}', 3)).toBe('key.0.0');
  });

  it('leaves malformed JSON to the parser', () => {
    expect(tooDeepJsonPath(']]]}{', 2)).toBeNull();
    expect(tooDeepJsonPath('{"unterminated', 2)).toBeNull();
  });
});
