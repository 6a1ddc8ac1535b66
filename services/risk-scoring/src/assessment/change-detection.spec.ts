import { outcomeChanged, type AssessmentOutcome } from './change-detection';

const finding = (ruleId: string) => ({ ruleId });
const base: AssessmentOutcome = {
  score: 6,
  category: 'KRT',
  emergencies: [finding('WHO-BP-SEVERE')],
  warnings: [finding('WHO-HB'), finding('KEMENKES-LILA')],
};

describe(outcomeChanged.name, () => {
  it('counts a first assessment as a change', () => {
    expect(outcomeChanged(null, base)).toBe(true);
  });

  it('sees no change when score, category and fired rule ids are the same, in any order', () => {
    expect(outcomeChanged(base, { ...base, warnings: [finding('KEMENKES-LILA'), finding('WHO-HB')] })).toBe(false);
  });

  it('ignores the facts behind a finding (the same rule on a later visit is the same outcome)', () => {
    const withFacts = { ...base, emergencies: [{ ruleId: 'WHO-BP-SEVERE', description: 'x', facts: { visitDate: '2026-05-01' } }] };
    expect(outcomeChanged(base, withFacts)).toBe(false);
  });

  it.each<[string, Partial<AssessmentOutcome>]>([
    ['score', { score: 10 }],
    ['category', { category: 'KRST' }],
    ['an emergency resolved', { emergencies: [] }],
    ['an emergency added', { emergencies: [finding('WHO-BP-SEVERE'), finding('WHO-PE-SEVERE')] }],
    ['a warning replaced', { warnings: [finding('WHO-HB'), finding('OVERDUE-VISIT')] }],
  ])('sees a change in %s', (_, change) => {
    expect(outcomeChanged(base, { ...base, ...change })).toBe(true);
  });
});
