import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FACILITY_CAPABILITIES,
  ICD10_PATTERN,
  IsRfc3339DateTime,
  IsIndonesianPhone,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_URGENCY_LEVELS,
  type FacilityCapability,
  type ReferralDeclineReason,
  type ReferralUrgencyLevel,
  IsNestedObject,
  IsLatitudeNumber,
  IsLongitudeNumber,
} from '@siaga/contracts';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { VILLAGE_CODE } from '@referral/geo/wilayah';

/** Where the escort picks her up and whom to call: supplied by the midwife or doctor who refers her. */
export class PickupDto {
  @ApiPropertyOptional({ example: '35.10.20.2001', description: 'Defaults to her registered village' })
  @IsOptional()
  @Matches(VILLAGE_CODE, { message: 'villageCode must look like 35.10.20.2001' })
  villageCode?: string;
  @ApiPropertyOptional({ example: 'Dusun Krajan RT 01 RW 02, rumah cat hijau' }) @IsOptional() @IsString() @Length(1, 300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
  @ApiPropertyOptional({ example: '+62 800-0000-1234', description: 'Whom the escort calls: her, her family or the midwife' })
  @IsOptional()
  @IsIndonesianPhone()
  contactPhone?: string;
}

export class CreateReferralDto {
  @ApiProperty() @IsUUID() pregnancyId!: string;
  @ApiProperty({ enum: REFERRAL_URGENCY_LEVELS }) @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;
  @ApiProperty({ example: 'Severe pre-eclampsia: BP 170/115, severe headache' }) @IsString() @Length(1, 1000) reason!: string;
  @ApiPropertyOptional({ example: 'O14.1' })
  @IsOptional()
  @Matches(ICD10_PATTERN, { message: 'icd10 must look like O14.1' })
  icd10?: string;
  @ApiPropertyOptional({ example: 'MgSO4 4 g IV loading dose, nifedipine 10 mg' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  treatmentGiven?: string;
  @ApiPropertyOptional({ description: 'Written from her record when left out' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  historySummary?: string;
  @ApiProperty({ description: 'She needs to be brought (police / volunteer / village ambulance escort)' })
  @IsBoolean()
  transportNeeded!: boolean;
  @ApiPropertyOptional({ enum: FACILITY_CAPABILITIES, isArray: true, description: 'On top of what the reason needs' })
  @IsOptional()
  @IsArray()
  @IsIn(FACILITY_CAPABILITIES, { each: true })
  requiredCapabilities?: FacilityCapability[];
  @ApiPropertyOptional({ type: PickupDto }) @IsOptional() @IsNestedObject(() => PickupDto) pickup?: PickupDto;
  @ApiPropertyOptional({ description: 'Planned referrals: when to pick her up (UTC); emergencies leave now' })
  @IsOptional()
  @IsRfc3339DateTime()
  pickupAt?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ enum: REFERRAL_DECLINE_REASONS }) @IsIn(REFERRAL_DECLINE_REASONS) reason!: ReferralDeclineReason;
  @ApiPropertyOptional({ example: 'ICU full until tomorrow' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class CancelReferralDto {
  @ApiProperty({ example: 'Delivered at the puskesmas' }) @IsString() @Length(1, 1000) reason!: string;
}

export class ArrivalDto {
  @ApiPropertyOptional({ description: 'When she arrived (UTC); defaults to now' })
  @IsOptional()
  @IsRfc3339DateTime()
  arrivedAt?: string;
}

export class RedirectReferralDto {
  @ApiProperty({ description: 'The hospital the district chose' }) @IsUUID() hospitalId!: string;
}

export class ReferralQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'open: offered, accepted or escalated' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
  @ApiPropertyOptional({ enum: REFERRAL_URGENCY_LEVELS }) @IsOptional() @IsIn(REFERRAL_URGENCY_LEVELS) urgency?: ReferralUrgencyLevel;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
