import type { AncVisitV1, FindingV1, KsprFactorResultV1, PregnancySnapshotV1, RiskCategory } from '@siaga/contracts';
import type { GestationalAge } from './dates';
import type { NextContact } from './visit-schedule';

/** The snapshot fields the rules read: no identity (ids, names, places), so a stateless preview can be scored too. */
export type ScoredPregnancy = Pick<PregnancySnapshotV1, 'motherBirthDate' | 'heightCm' | 'hpht' | 'history' | 'conditions'>;

export interface AssessmentInput {
  readonly pregnancy: ScoredPregnancy;
  /** Any order; visits dated after asOf are ignored, so a replay as of an earlier moment gives the earlier answer. */
  readonly visits: readonly AncVisitV1[];
  /** Read as its UTC calendar day. */
  readonly asOf: Date;
}

/** Facts the engine derived rather than received, returned so a clinician can audit the result. */
export interface DerivedFacts {
  /** The UTC calendar day asOf was read as. */
  readonly asOfDate: string;
  readonly ageYears: number;
  /** gravida === 1 */
  readonly firstPregnancy: boolean;
  /** From HPHT at asOf; null if asOf is before HPHT. */
  readonly gestationalAge: GestationalAge | null;
  /** HPHT + 280 days (Naegele); the snapshot's own hpl is not used for any rule. */
  readonly hpl: string;
  /** Completed years from the last birth to HPHT (the start of this pregnancy). */
  readonly yearsSinceLastBirth: number | null;
  /** Completed years from marriage to HPHT. */
  readonly yearsMarriedAtHpht: number | null;
  /** The visit emergencies are read from (latest by visitDate, ties by array order). */
  readonly latestVisitDate: string | null;
  /** Visits on or before asOf. */
  readonly visitsConsidered: number;
  /** Null once the schedule's last contact window is reached. */
  readonly nextContact: NextContact | null;
}

export interface Assessment {
  readonly score: number;
  readonly category: RiskCategory;
  /** One result per KSPR id in card order, KSPR-0 (baseline) first; score is the sum of their points. */
  readonly factors: KsprFactorResultV1[];
  /** Urgent referral, independent of the score. */
  readonly emergencies: FindingV1[];
  readonly warnings: FindingV1[];
  readonly ruleSetVersion: string;
  /** Completed weeks at asOf; null if asOf is before HPHT. */
  readonly gestationalAgeWeeks: number | null;
  readonly derived: DerivedFacts;
}
