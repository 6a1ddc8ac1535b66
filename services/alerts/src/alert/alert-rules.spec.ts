import type { FindingV1, KsprFactorResultV1 } from '@siaga/contracts';
import { categoryRose, mergeTrigger, triggerFor, type AssessmentOutcome } from './alert-rules';

const finding = (ruleId: string, facts: Record<string, unknown> = {}): FindingV1 => ({ ruleId, description: ruleId, facts });
const factor = (ruleId: string, points: number, status: KsprFactorResultV1['status'] = 'present'): KsprFactorResultV1 => ({
  ruleId,
  status,
  points,
  facts: {},
});

const outcome = (overrides: Partial<AssessmentOutcome> = {}): AssessmentOutcome => ({
  score: 2,
  category: 'KRR',
  previousCategory: 'KRR',
  factors: [factor('KSPR-0', 2)],
  emergencies: [],
  warnings: [],
  ...overrides,
});

const ruleIds = (findings: FindingV1[]) => findings.map((f) => f.ruleId);

describe(triggerFor.name, () => {
  it('raises nothing for a low-risk woman without findings', () => {
    expect(triggerFor(outcome())).toBeNull();
  });

  it('raises an emergency for any WHO urgent-referral finding, whatever the score (WHO-BP-SEVERE)', () => {
    const trigger = triggerFor(outcome({ emergencies: [finding('WHO-BP-SEVERE'), finding('WHO-PE-SEVERE')] }));
    expect(trigger).toMatchObject({ kind: 'danger-sign', severity: 'emergency' });
    expect(ruleIds(trigger!.findings)).toEqual(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']);
  });

  it('folds a simultaneous category rise into the emergency (one card per visit)', () => {
    const trigger = triggerFor(
      outcome({
        score: 10,
        category: 'KRT',
        emergencies: [finding('WHO-PE-SEVERE')],
        factors: [factor('KSPR-0', 2), factor('KSPR-20', 8)],
      }),
    );
    expect(trigger).toMatchObject({ kind: 'danger-sign', severity: 'emergency' });
    expect(ruleIds(trigger!.findings)).toEqual(['WHO-PE-SEVERE', 'KSPR-CATEGORY']);
    expect(trigger!.findings[1].description).toBe('KSPR category rose from KRR to KRT (score 10)');
  });

  it.each([
    ['KRR', 'KRST', 'high'],
    ['KRT', 'KRST', 'high'],
    ['KRR', 'KRT', 'medium'],
    [null, 'KRST', 'high'], // first assessment: counted from the KSPR-0 baseline
    [null, 'KRT', 'medium'],
  ] as const)('raises a rise from %s to %s as %s, with the KSPR factors that did it', (previousCategory, category, severity) => {
    const trigger = triggerFor(
      outcome({
        score: 14,
        category,
        previousCategory,
        factors: [factor('KSPR-0', 2), factor('KSPR-6', 4), factor('KSPR-10', 8), factor('KSPR-7', 0, 'absent')],
      }),
    );
    expect(trigger).toMatchObject({ kind: 'risk-rise', severity });
    expect(ruleIds(trigger!.findings)).toEqual(['KSPR-CATEGORY', 'KSPR-6', 'KSPR-10']);
  });

  it.each([
    ['falls', 'KRT', 'KRST'],
    ['stays', 'KRST', 'KRST'],
  ] as const)('raises nothing when the category %s', (_, category, previousCategory) => {
    expect(triggerFor(outcome({ score: 6, category, previousCategory }))).toBeNull();
  });

  it.each(['KRT', 'KRST'] as const)('raises a low alert for a %s woman overdue for her visit', (category) => {
    const trigger = triggerFor(
      outcome({ score: 10, category, previousCategory: category, warnings: [finding('WHO-HB'), finding('OVERDUE-VISIT')] }),
    );
    expect(trigger).toMatchObject({ kind: 'overdue-visit', severity: 'low' });
    expect(ruleIds(trigger!.findings)).toEqual(['OVERDUE-VISIT']);
  });

  it('does not raise for an overdue KRR woman (her midwife follows her up)', () => {
    expect(triggerFor(outcome({ warnings: [finding('OVERDUE-VISIT')] }))).toBeNull();
  });

  it('does not raise for warnings alone (WHO-HB, KEMENKES-LILA)', () => {
    expect(
      triggerFor(outcome({ score: 6, category: 'KRT', previousCategory: 'KRT', warnings: [finding('WHO-HB'), finding('KEMENKES-LILA')] })),
    ).toBeNull();
  });
});

describe(categoryRose.name, () => {
  it('compares by rank, with no previous category counted as KRR', () => {
    expect(categoryRose({ category: 'KRT', previousCategory: 'KRR' })).toBe(true);
    expect(categoryRose({ category: 'KRR', previousCategory: null })).toBe(false);
    expect(categoryRose({ category: 'KRT', previousCategory: 'KRST' })).toBe(false);
  });
});

describe(mergeTrigger.name, () => {
  it('raises the severity of an open alert and adds the new rules', () => {
    const merged = mergeTrigger(
      { severity: 'medium', findings: [finding('KSPR-CATEGORY', { to: 'KRT' }), finding('KSPR-6')] },
      { kind: 'risk-rise', severity: 'high', findings: [finding('KSPR-CATEGORY', { to: 'KRST' }), finding('KSPR-10')] },
    );
    expect(merged).toMatchObject({ severity: 'high', severityRose: true, newRules: ['KSPR-10'] });
    expect(merged.findings.map((f) => [f.ruleId, f.facts])).toEqual([
      ['KSPR-CATEGORY', { to: 'KRST' }],
      ['KSPR-6', {}],
      ['KSPR-10', {}],
    ]);
  });

  it('never lowers the severity', () => {
    const merged = mergeTrigger(
      { severity: 'high', findings: [finding('KSPR-CATEGORY')] },
      { kind: 'risk-rise', severity: 'medium', findings: [finding('KSPR-CATEGORY')] },
    );
    expect(merged).toMatchObject({ severity: 'high', severityRose: false, newRules: [] });
  });

  it('refreshes the facts of a rule that fires again without calling it new', () => {
    const merged = mergeTrigger(
      { severity: 'emergency', findings: [finding('WHO-BP-SEVERE', { systolic: 170 })] },
      { kind: 'danger-sign', severity: 'emergency', findings: [finding('WHO-BP-SEVERE', { systolic: 182 })] },
    );
    expect(merged).toMatchObject({ severityRose: false, newRules: [] });
    expect(merged.findings[0].facts).toEqual({ systolic: 182 });
  });
});
