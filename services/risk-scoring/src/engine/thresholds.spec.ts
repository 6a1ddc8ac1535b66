import { and3, meets, type Comparator } from './thresholds';

describe(meets.name, () => {
  it.each<[Comparator, number, boolean, boolean, boolean]>([
    // op, threshold, below, equal, above
    ['<', 10, true, false, false],
    ['<=', 10, true, true, false],
    ['>', 10, false, false, true],
    ['>=', 10, false, true, true],
  ])('%s %i', (op, value, below, equal, above) => {
    expect([meets(value - 1, { op, value }), meets(value, { op, value }), meets(value + 1, { op, value })]).toEqual([below, equal, above]);
  });

  it('throws on a comparator outside the type (a rule set read from untyped data)', () => {
    expect(() => meets(1, { op: '==' as Comparator, value: 1 })).toThrow('Unhandled value: ==');
  });
});

describe(and3.name, () => {
  it('is false if either is false, true if both are true, else unknown', () => {
    expect(and3(false, null)).toBe(false);
    expect(and3(null, false)).toBe(false);
    expect(and3(true, true)).toBe(true);
    expect(and3(true, null)).toBeNull();
    expect(and3(null, null)).toBeNull();
  });
});
