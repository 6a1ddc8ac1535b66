import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ESCORT_CANCEL_REASONS,
  ESCORT_PROGRESS,
  type EscortCancelReason,
  type EscortProgress,
  IsLatitudeNumber,
  IsLongitudeNumber,
  IsRfc3339DateTime,
} from '@siaga/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class EscortStatusDto {
  @ApiProperty({ enum: ESCORT_PROGRESS }) @IsIn(ESCORT_PROGRESS) status!: EscortProgress;
  @ApiPropertyOptional({ description: 'When it happened (UTC); defaults to now', example: '2026-06-01T02:15:00Z' })
  @IsOptional()
  @IsRfc3339DateTime()
  at?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
}

export class CancelEscortDto {
  @ApiProperty({ enum: ESCORT_CANCEL_REASONS }) @IsIn(ESCORT_CANCEL_REASONS) reason!: EscortCancelReason;
  @ApiPropertyOptional({ description: 'Kept with the referral; never sent to escorts' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
