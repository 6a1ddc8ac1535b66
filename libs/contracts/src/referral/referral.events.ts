import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import {
  FACILITY_CAPABILITIES,
  ICD10_PATTERN,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_ESCALATION_REASONS,
  REFERRAL_ORIGINS,
  REFERRAL_URGENCY_LEVELS,
  type FacilityCapability,
  type ReferralDeclineReason,
  type ReferralEscalationReason,
  type ReferralOrigin,
  type ReferralUrgencyLevel,
} from './referral-vocabulary';
import { IsRfc3339DateTime } from '../date-formats';

/**
 * Events of topic `referral`, subject = pregnancy id (one woman's referral steps stay in order).
 * Clinical: read by alerts and registration, never by escorts (their topic is `escort`).
 */

/** A referral exists: who sends her, why, how urgently, and what the receiving hospital must be able to do. */
export class ReferralCreatedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsIn(REFERRAL_ORIGINS) origin!: ReferralOrigin;
  /** The alert resolved with `refer` that caused it (origin `alert`). */
  @IsOptional() @IsUUID() alertId?: string | null;
  @IsUUID() healthCenterId!: string;
  @IsString() @Length(13, 13) villageCode!: string;
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @IsString() @Length(1, 1000) reason!: string;
  @IsOptional() @Matches(ICD10_PATTERN) icd10?: string | null;
  @IsOptional() @IsString() @Length(0, 2000) treatmentGiven?: string | null;
  @IsArray() @IsIn(FACILITY_CAPABILITIES, { each: true }) requiredCapabilities!: FacilityCapability[];
  @IsBoolean() transportNeeded!: boolean;
  /** User id of the doctor or midwife, or `system:<component>` for alert and planned referrals. */
  @IsString() @Length(1, 200) createdBy!: string;
  @IsRfc3339DateTime() createdAt!: string;
}

/** Attempt n: the referral is waiting for this hospital's answer until `respondBy`. */
export class ReferralOfferedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() hospitalId!: string;
  @IsString() @Length(1, 200) hospitalName!: string;
  @IsInt() @Min(1) attempt!: number;
  /** Distance from where she is to the hospital, when both are known. */
  @IsOptional() @IsNumber() @Min(0) distanceKm?: number | null;
  /** Offered by the district after an escalation, outside the automatic rule. */
  @IsBoolean() chosenByDistrict!: boolean;
  @IsRfc3339DateTime() offeredAt!: string;
  @IsRfc3339DateTime() respondBy!: string;
}

export class ReferralAcceptedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() hospitalId!: string;
  @IsString() @Length(1, 200) hospitalName!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsString() @Length(1, 200) acceptedBy!: string;
  @IsRfc3339DateTime() acceptedAt!: string;
}

export class ReferralDeclinedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() hospitalId!: string;
  @IsString() @Length(1, 200) hospitalName!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsIn(REFERRAL_DECLINE_REASONS) reason!: ReferralDeclineReason;
  @IsOptional() @IsString() @Length(0, 1000) note?: string | null;
  @IsString() @Length(1, 200) declinedBy!: string;
  @IsRfc3339DateTime() declinedAt!: string;
}

/** No answer from the hospital before `respondBy`: the referral moves on. */
export class ReferralTimedOutV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsUUID() hospitalId!: string;
  @IsString() @Length(1, 200) hospitalName!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsRfc3339DateTime() respondBy!: string;
  @IsRfc3339DateTime() timedOutAt!: string;
}

/** No suitable hospital is left: the district health office takes over. */
export class ReferralEscalatedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsIn(REFERRAL_ESCALATION_REASONS) reason!: ReferralEscalationReason;
  @IsInt() @Min(0) attempts!: number;
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) hospitalsTried!: string[];
  @IsRfc3339DateTime() escalatedAt!: string;
}

/** She arrived at the receiving hospital: alerts closes its alert, registration records where she went. */
export class ReferralCompletedV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsOptional() @IsUUID() alertId?: string | null;
  @IsUUID() hospitalId!: string;
  @IsString() @Length(1, 200) hospitalName!: string;
  @IsRfc3339DateTime() arrivedAt!: string;
  /** Reported by the escort on arrival, or by the hospital when she came without one. */
  @IsIn(['escort', 'hospital']) arrivalReportedBy!: 'escort' | 'hospital';
}

export class ReferralCancelledV1 {
  @IsUUID() referralId!: string;
  @IsUUID() pregnancyId!: string;
  @IsOptional() @IsUUID() alertId?: string | null;
  @IsString() @Length(1, 1000) reason!: string;
  @IsString() @Length(1, 200) cancelledBy!: string;
  @IsRfc3339DateTime() cancelledAt!: string;
}
