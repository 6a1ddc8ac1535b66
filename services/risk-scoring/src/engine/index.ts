// Public API of the risk-scoring rules engine: pure functions, no I/O.
export { assess } from './assess';
export type { Assessment, AssessmentInput, DerivedFacts, ScoredPregnancy } from './assessment.types';
export {
  addDays,
  ageInYears,
  completedYears,
  formatEpochDay,
  gestationalAge,
  hplFromHpht,
  NAEGELE_DAYS,
  parseIsoDate,
  type GestationalAge,
} from './dates';
export { riskCategory } from './kspr-factors';
export { FINDING_IDS, KSPR_FACTOR_IDS, type FindingId, type KsprFactorId } from './rule-ids';
export { CURRENT_RULE_SET, type BpThreshold, type DangerSignRule, type KsprRules, type RuleSet, type WhoRules } from './rule-set';
export { meets, type Comparator, type Threshold } from './thresholds';
export { ANC_CONTACT_SCHEDULE, isOverdue, nextContactDue, OVERDUE_GRACE_DAYS, type AncContact, type NextContact } from './visit-schedule';
