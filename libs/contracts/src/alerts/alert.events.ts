import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf } from 'class-validator';
import { RISK_CATEGORIES, type RiskCategory } from '../clinical-vocabulary';
import { ICD10_PATTERN, REFERRAL_URGENCY_LEVELS, type ReferralUrgencyLevel } from '../referral/referral-vocabulary';
import { FindingV1 } from '../risk-scoring/assessment.events';
import { IsNestedObject, IsNestedArray } from '../rules/nested-object';
import { IsCalendarDate, IsRfc3339DateTime } from '../date-formats';

/**
 * Alerts: what a health-center doctor triages. Every event is on topic `alert` (siaga.alerts.alert.v1),
 * keyed and subjected by the pregnancy id, so one woman's alert history stays in order.
 */

/** Why an alert exists. One open (open or acknowledged) alert per pregnancy and kind. */
export const ALERT_KINDS = [
  'danger-sign', // a WHO danger sign / urgent-referral finding (WHO-BP-SEVERE, WHO-PE-SEVERE, ...)
  'risk-rise', // the KSPR category rose (to KRT or KRST)
  'overdue-visit', // a KRT / KRST woman missed her next contact (OVERDUE-VISIT)
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Most urgent first: the triage order. */
export const ALERT_SEVERITIES = ['emergency', 'high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** open → acknowledged (a doctor has it) → resolved (decided) → closed (referral completed or pregnancy ended). */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_DECISIONS = ['monitor', 'schedule-visit', 'refer', 'false-alarm'] as const;
export type AlertDecision = (typeof ALERT_DECISIONS)[number];

export const ALERT_CLOSE_REASONS = ['referral-completed', 'pregnancy-closed'] as const;
export type AlertCloseReason = (typeof ALERT_CLOSE_REASONS)[number];

/** Who an unacknowledged alert is escalated to. */
export const ALERT_ESCALATION_TARGETS = ['district-on-call'] as const;
export type AlertEscalationTarget = (typeof ALERT_ESCALATION_TARGETS)[number];

/**
 * What the referral service needs to create a referral from a `refer` decision. Urgency and ICD-10 use the
 * referral contract's own vocabulary, so whatever a doctor may decide here the referral service accepts.
 */
export class AlertReferralRequestV1 {
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  /** Free text for the receiving hospital, e.g. "BP 170/115 with severe headache: severe pre-eclampsia". */
  @IsString() @Length(1, 1000) reason!: string;
  @IsOptional() @Matches(ICD10_PATTERN, { message: 'icd10 must look like O14.1' }) icd10?: string | null;
  /** Treatment given before transfer, e.g. "MgSO4 4 g IV loading dose, nifedipine 10 mg". */
  @IsOptional() @IsString() @Length(0, 1000) treatmentGiven?: string | null;
}

/** A new alert for a health center (raised once its pregnancy's health center is known). */
export class AlertRaisedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  @IsString() @Length(13, 13) villageCode!: string;
  @IsUUID() midwifeId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  /** The rules that fired, with their facts: why the doctor is asked. */
  @IsNestedArray(() => FindingV1) findings!: FindingV1[];
  @IsInt() score!: number;
  @IsIn(RISK_CATEGORIES) category!: RiskCategory;
  /** The assessment (PregnancyAssessedV1.assessmentId) that raised it. */
  @IsUUID() assessmentId!: string;
  /** Escalated when nobody has acknowledged it by then. */
  @IsRfc3339DateTime() acknowledgeBy!: string;
  @IsRfc3339DateTime() raisedAt!: string;
}

/** New findings on an open alert: its findings changed and/or its severity rose. */
export class AlertUpdatedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  @IsIn(ALERT_SEVERITIES) previousSeverity!: AlertSeverity;
  @IsNestedArray(() => FindingV1) findings!: FindingV1[];
  @IsInt() score!: number;
  @IsIn(RISK_CATEGORIES) category!: RiskCategory;
  @IsUUID() assessmentId!: string;
  /** Null once a doctor has acknowledged it (no escalation timer runs). */
  @IsOptional() @IsRfc3339DateTime() acknowledgeBy!: string | null;
  @IsRfc3339DateTime() updatedAt!: string;
}

/** A doctor claimed the alert. */
export class AlertAcknowledgedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  /** User id (token subject) of the doctor. */
  @IsString() @Length(1, 200) acknowledgedBy!: string;
  @IsOptional() @IsString() @Length(0, 200) acknowledgedByName?: string | null;
  @IsRfc3339DateTime() acknowledgedAt!: string;
}

/** The doctor who had it gave it back (end of shift): open again, with a new acknowledgement deadline. */
export class AlertReleasedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  @IsString() @Length(1, 200) releasedBy!: string;
  @IsRfc3339DateTime() releasedAt!: string;
  @IsRfc3339DateTime() acknowledgeBy!: string;
}

/** Nobody acknowledged in time: the alert went up to the district on-call (again at every further interval). */
export class AlertEscalatedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  @IsString() @Length(13, 13) villageCode!: string;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  /** 1 for the first escalation, 2 for the next interval, ... */
  @IsInt() @Min(1) level!: number;
  @IsIn(ALERT_ESCALATION_TARGETS) escalatedTo!: AlertEscalationTarget;
  /** The acknowledgement deadline that passed. */
  @IsRfc3339DateTime() deadlineMissed!: string;
  @IsRfc3339DateTime() escalatedAt!: string;
  @IsRfc3339DateTime() nextEscalationAt!: string;
}

/**
 * A doctor decided. With decision `refer` this is the referral service's order: it carries the routing
 * (health center, village, midwife), the referral request and who decided, so no other lookup is needed.
 */
export class AlertResolvedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() healthCenterId!: string;
  @IsString() @Length(13, 13) villageCode!: string;
  @IsUUID() midwifeId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  @IsIn(ALERT_DECISIONS) decision!: AlertDecision;
  /** decision `schedule-visit`: the date of the contact brought forward. */
  @ValidateIf((o: AlertResolvedV1) => o.decision === 'schedule-visit' || o.visitDate != null)
  @IsCalendarDate()
  visitDate?: string | null;
  /** decision `refer`: what the referral needs. */
  @ValidateIf((o: AlertResolvedV1) => o.decision === 'refer' || o.referral != null)
  @IsNestedObject(() => AlertReferralRequestV1)
  referral?: AlertReferralRequestV1 | null;
  /** decision `false-alarm`: why (required); any other decision: optional remark. */
  @ValidateIf((o: AlertResolvedV1) => o.decision === 'false-alarm' || o.note != null)
  @IsString()
  @Length(1, 1000)
  note?: string | null;
  /** The findings the decision was made on (for the referral's clinical summary). */
  @IsNestedArray(() => FindingV1) findings!: FindingV1[];
  @IsOptional() @IsInt() score?: number | null;
  @IsOptional() @IsIn(RISK_CATEGORIES) category?: RiskCategory | null;
  /** User id (token subject) of the deciding doctor. */
  @IsString() @Length(1, 200) decidedBy!: string;
  @IsOptional() @IsString() @Length(0, 200) decidedByName?: string | null;
  @IsRfc3339DateTime() decidedAt!: string;
}

/** Nothing left to do: the referral it asked for completed, or the pregnancy ended. */
export class AlertClosedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() pregnancyId!: string;
  /** Null only for an alert whose pregnancy's health center was never known. */
  @IsOptional() @IsUUID() healthCenterId!: string | null;
  @IsIn(ALERT_CLOSE_REASONS) reason!: AlertCloseReason;
  @IsOptional() @IsUUID() referralId?: string | null;
  @IsRfc3339DateTime() closedAt!: string;
}
