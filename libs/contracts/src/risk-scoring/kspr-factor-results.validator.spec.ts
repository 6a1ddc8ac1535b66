import { factorResultsProblem } from './kspr-factor-results.validator';

describe(factorResultsProblem.name, () => {
  const factor = (overrides: Record<string, unknown> = {}) => ({
    ruleId: 'KSPR-10',
    status: 'present',
    points: 4,
    facts: {},
    ...overrides,
  });

  it('accepts a well-formed card, an empty one too', () => {
    expect(factorResultsProblem([factor(), factor({ status: 'unknown', points: 0, facts: { heightCm: null } })])).toBeNull();
    expect(factorResultsProblem([])).toBeNull();
  });

  it.each([
    ['not an array', { 0: factor() }, 'must be an array'],
    ['a factor that is not an object', [factor(), 'KSPR-10'], '.1 must be an object'],
    ['a factor that is an array', [[]], '.0 must be an object'],
    ['a missing rule id', [factor({ ruleId: undefined })], '.0.ruleId must be a string'],
    ['an unknown status', [factor(), factor(), factor({ status: 'maybe' })], '.2.status must be one of present, absent, unknown'],
    ['fractional points', [factor({ points: 1.5 })], '.0.points must be an integer'],
    ['points as text', [factor({ points: '4' })], '.0.points must be an integer'],
    ['facts that are not an object', [factor({ facts: null })], '.0.facts must be an object'],
  ])('names the first problem: %s', (_case, card, problem) => {
    expect(factorResultsProblem(card)).toBe(problem);
  });
});
