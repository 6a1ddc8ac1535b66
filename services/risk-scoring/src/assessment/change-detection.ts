import type { FindingV1, RiskCategory } from '@siaga/contracts';

/** What a clinician acts on: the KSPR total and category, and which WHO / Kemenkes rules fired. */
export interface AssessmentOutcome {
  readonly score: number;
  readonly category: RiskCategory;
  readonly emergencies: readonly Pick<FindingV1, 'ruleId'>[];
  readonly warnings: readonly Pick<FindingV1, 'ruleId'>[];
}

const ruleIds = (findings: readonly Pick<FindingV1, 'ruleId'>[]): string => [...new Set(findings.map((f) => f.ruleId))].sort().join('|');

/**
 * A re-score emits a new assessment only when its outcome differs from the latest stored one: same score,
 * category and fired rule ids means nothing a midwife or doctor would do differently. The facts behind a
 * finding (e.g. a visit date) and the rule-set version alone do not count as a change.
 */
export function outcomeChanged(previous: AssessmentOutcome | null, next: AssessmentOutcome): boolean {
  if (previous === null) return true;
  return (
    previous.score !== next.score ||
    previous.category !== next.category ||
    ruleIds(previous.emergencies) !== ruleIds(next.emergencies) ||
    ruleIds(previous.warnings) !== ruleIds(next.warnings)
  );
}
