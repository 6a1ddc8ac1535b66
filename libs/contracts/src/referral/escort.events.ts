import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import {
  ESCORT_CANCEL_REASONS,
  ESCORT_CANCELLED_BY,
  ESCORT_PROGRESS,
  ESCORT_WAVES,
  REFERRAL_URGENCY_LEVELS,
  type EscortCancelReason,
  type EscortCancelledBy,
  type EscortProgress,
  type EscortWave,
  type ReferralUrgencyLevel,
} from './referral-vocabulary';
import { IsNestedObject } from '../rules/nested-object';
import { IsLatitudeNumber, IsLongitudeNumber } from '../rules/coordinates';
import { IsIndonesianPhone } from '../phone';
import { IsRfc3339DateTime } from '../date-formats';

/**
 * Events of topic `escort`, subject = escort request id (never the pregnancy id).
 * Data minimisation (domain reference, section 4): an escort learns only where to pick her up, whom to
 * call, where to bring her, how urgent it is and when. No NIK, name, diagnosis, score, history or
 * pregnancy id appears here; the key sets are fixed by tests.
 */

export class EscortPickupV1 {
  @IsString() @Length(13, 13) villageCode!: string;
  @IsString() @Length(1, 120) villageName!: string;
  @IsOptional() @IsString() @Length(1, 120) districtName?: string | null;
  /** Street / hamlet as the referrer wrote it; unknown for referrals raised without one. */
  @IsOptional() @IsString() @Length(1, 300) address?: string | null;
  @IsOptional() @IsLatitudeNumber() latitude?: number | null;
  @IsOptional() @IsLongitudeNumber() longitude?: number | null;
}

export class EscortDestinationV1 {
  @IsString() @Length(1, 200) facilityName!: string;
  @IsOptional() @IsString() @Length(1, 300) address?: string | null;
  @IsOptional() @IsLatitudeNumber() latitude?: number | null;
  @IsOptional() @IsLongitudeNumber() longitude?: number | null;
}

/** A woman needs to be brought to a hospital. */
export class EscortRequestedV1 {
  @IsUUID() escortId!: string;
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @IsNestedObject(() => EscortPickupV1) pickup!: EscortPickupV1;
  @IsOptional() @IsIndonesianPhone() contactPhone?: string | null;
  @IsNestedObject(() => EscortDestinationV1) destination!: EscortDestinationV1;
  /** When she should be picked up: now for an emergency, a day before the due date's window for a planned one. */
  @IsRfc3339DateTime() pickupAt!: string;
  @IsRfc3339DateTime() requestedAt!: string;
}

/** Offers went out to these responders (a wave); each may accept until `respondBy`. */
export class EscortOfferedV1 {
  @IsUUID() escortId!: string;
  @IsIn(ESCORT_WAVES) wave!: EscortWave;
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) responderIds!: string[];
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @IsRfc3339DateTime() offeredAt!: string;
  @IsRfc3339DateTime() respondBy!: string;
}

/** The first responder to accept holds the escort; every other offer is withdrawn. */
export class EscortAcceptedV1 {
  @IsUUID() escortId!: string;
  @IsUUID() responderId!: string;
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @IsRfc3339DateTime() acceptedAt!: string;
}

export class EscortStatusChangedV1 {
  @IsUUID() escortId!: string;
  @IsUUID() responderId!: string;
  @IsIn(ESCORT_PROGRESS) status!: EscortProgress;
  @IsRfc3339DateTime() at!: string;
  @IsOptional() @IsLatitudeNumber() latitude?: number | null;
  @IsOptional() @IsLongitudeNumber() longitude?: number | null;
}

/** Nobody accepted in the village, nor in the district: the district health office has to find transport. */
export class EscortEscalatedV1 {
  @IsUUID() escortId!: string;
  @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @IsRfc3339DateTime() escalatedAt!: string;
}

export class EscortCancelledV1 {
  @IsUUID() escortId!: string;
  @IsIn(ESCORT_CANCELLED_BY) cancelledBy!: EscortCancelledBy;
  @IsIn(ESCORT_CANCEL_REASONS) reason!: EscortCancelReason;
  @IsRfc3339DateTime() cancelledAt!: string;
}
