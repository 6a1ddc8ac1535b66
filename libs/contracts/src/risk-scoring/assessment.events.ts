import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import { RISK_CATEGORIES, type RiskCategory } from '../clinical-vocabulary';
import type { FactorStatus } from './factor-status';
import { IsKsprFactorResults } from './kspr-factor-results.validator';
import { IsNestedObject, IsNestedArray } from '../rules/nested-object';
import { IsRfc3339DateTime } from '../date-formats';

export { FACTOR_STATUSES, type FactorStatus } from './factor-status';

/**
 * One KSPR factor as judged, with the facts that decided it so a clinician can audit the score. Checked as part of
 * the card by `IsKsprFactorResults`, which holds its rules.
 */
export class KsprFactorResultV1 {
  ruleId!: string; // e.g. KSPR-10
  status!: FactorStatus;
  points!: number;
  facts!: Record<string, unknown>;
}

/** A WHO / Kemenkes rule that fired: an emergency or a warning. */
export class FindingV1 {
  @IsString() ruleId!: string; // e.g. WHO-BP-SEVERE
  @IsString() description!: string;
  @IsObject() facts!: Record<string, unknown>;
}

export class CausationV1 {
  @IsUUID() eventId!: string;
  @IsString() eventType!: string;
  @IsInt() sequence!: number;
}

export class PregnancyAssessedV1 {
  @IsUUID() assessmentId!: string;
  @IsUUID() pregnancyId!: string;
  @IsInt() score!: number;
  @IsIn(RISK_CATEGORIES) category!: RiskCategory;
  @IsOptional() @IsIn(RISK_CATEGORIES) previousCategory!: RiskCategory | null;
  @IsKsprFactorResults() factors!: KsprFactorResultV1[];
  @IsNestedArray(() => FindingV1) emergencies!: FindingV1[];
  @IsNestedArray(() => FindingV1) warnings!: FindingV1[];
  /** e.g. "kspr-rochjati.v1+who-anc-dak.v1" */
  @IsString() ruleSetVersion!: string;
  @IsNestedObject(() => CausationV1) causedBy!: CausationV1;
  @IsRfc3339DateTime() assessedAt!: string;
}
