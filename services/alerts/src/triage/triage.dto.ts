import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_DECISIONS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ICD10_PATTERN,
  IsCalendarDate,
  REFERRAL_URGENCY_LEVELS,
  type AlertDecision,
  type AlertSeverity,
  type AlertStatus,
  type ReferralUrgencyLevel,
  IsNestedObject,
} from '@siaga/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

/** "emergency,high" or ?severity=emergency&severity=high → ['emergency', 'high']. */
const csv = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : Array.isArray(value)
      ? value.flatMap((v) => String(v).split(','))
      : value;

export class TriageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated severities', example: 'emergency,high', enum: ALERT_SEVERITIES, isArray: true })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ALERT_SEVERITIES, { each: true })
  severity?: AlertSeverity[];

  @ApiPropertyOptional({
    description: 'Comma-separated statuses; default open,acknowledged',
    example: 'open',
    enum: ALERT_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ALERT_STATUSES, { each: true })
  status?: AlertStatus[];

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

/** The referral a `refer` decision asks for; the same rules as AlertReferralRequestV1 (the event carries it as is). */
export class ReferralRequestDto {
  @ApiProperty({ enum: REFERRAL_URGENCY_LEVELS }) @IsIn(REFERRAL_URGENCY_LEVELS) urgency!: ReferralUrgencyLevel;

  @ApiProperty({ example: 'BP 170/115 with severe headache: severe pre-eclampsia' }) @IsString() @Length(1, 1000) reason!: string;

  @ApiPropertyOptional({ example: 'O14.1' })
  @IsOptional()
  @Matches(ICD10_PATTERN, { message: 'icd10 must look like O14.1' })
  icd10?: string;

  @ApiPropertyOptional({ example: 'MgSO4 4 g IV loading dose; nifedipine 10 mg oral' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  treatmentGiven?: string;
}

export class ResolveAlertDto {
  @ApiProperty({ enum: ALERT_DECISIONS }) @IsIn(ALERT_DECISIONS) decision!: AlertDecision;

  @ApiPropertyOptional({ description: 'schedule-visit: the date of the contact brought forward', example: '2026-06-03' })
  @IsOptional()
  @IsCalendarDate()
  visitDate?: string;

  @ApiPropertyOptional({ type: ReferralRequestDto, description: 'refer: urgency and reason (the referral service creates the referral)' })
  @IsOptional()
  @IsNestedObject(() => ReferralRequestDto)
  referral?: ReferralRequestDto;

  @ApiPropertyOptional({ description: 'false-alarm: why (required); otherwise an optional remark' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
