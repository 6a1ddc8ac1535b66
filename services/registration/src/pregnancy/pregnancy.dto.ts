import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  CONDITIONS,
  ObstetricHistoryV1,
  PREGNANCY_OUTCOMES,
  type Condition,
  type PregnancyOutcome,
  IsNestedObject,
  IsLatitudeNumber,
  IsLongitudeNumber,
  IsCalendarDate,
  IsIndonesianPhone,
  IsRfc3339DateTime,
} from '@siaga/contracts';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { BirthPlan } from './birth-plan';

export class AddressDto {
  @ApiProperty({ example: 'Dusun Krajan RT 01 RW 02' }) @IsString() @Length(1, 300) street!: string;
  @ApiProperty({ example: '35.10.20.2001', description: 'Village (desa) code, Kepmendagri' })
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'villageCode must look like 35.10.20.2001' })
  villageCode!: string;
  @ApiProperty({ example: 'Sempu' }) @IsString() @Length(1, 120) villageName!: string;
  @ApiProperty({ example: 'Sempu' }) @IsString() @Length(1, 120) districtName!: string;
  @ApiProperty({ example: 'Kabupaten Banyuwangi' }) @IsString() @Length(1, 120) regencyName!: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
}

export class MotherDto {
  @ApiProperty({ example: '3510204705960001', description: 'NIK, 16 digits' })
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik!: string;
  @ApiProperty({ example: 'Siti Aminah' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '1996-05-07' }) @IsCalendarDate() birthDate!: string;
  @ApiProperty({ example: '+6281200000001', description: 'Indonesian phone: +62 or 0, then 8 to 15 digits in all' })
  @IsIndonesianPhone()
  phone!: string;
  @ApiProperty({ type: AddressDto }) @IsNestedObject(() => AddressDto) address!: AddressDto;
}

export class RegisterPregnancyDto {
  @ApiProperty({ type: MotherDto }) @IsNestedObject(() => MotherDto) mother!: MotherDto;
  @ApiProperty({ type: ObstetricHistoryV1 }) @IsNestedObject(() => ObstetricHistoryV1) history!: ObstetricHistoryV1;
  @ApiPropertyOptional({ example: 152 }) @IsOptional() @IsNumber() @Min(100) @Max(200) heightCm?: number;
  @ApiProperty({ example: '2026-06-01', description: 'First day of the last menstrual period (HPHT)' })
  @IsCalendarDate()
  hpht!: string;
  @ApiProperty({ enum: CONDITIONS, isArray: true }) @IsArray() @IsIn(CONDITIONS, { each: true }) conditions!: Condition[];
  @ApiPropertyOptional({ description: 'Defaults to the registering midwife' }) @IsOptional() @IsUUID() assignedMidwifeId?: string;
  @ApiPropertyOptional({ type: BirthPlan }) @IsOptional() @IsNestedObject(() => BirthPlan) birthPlan?: BirthPlan;
}

class UpdatableFields extends PickType(RegisterPregnancyDto, ['history', 'heightCm', 'conditions', 'birthPlan', 'assignedMidwifeId']) {
  @ApiPropertyOptional({ example: '+6281200000001', description: 'Indonesian phone: +62 or 0, then 8 to 15 digits in all' })
  @IsOptional()
  @IsIndonesianPhone()
  phone?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @IsNestedObject(() => AddressDto) address?: AddressDto;
}

/** Corrections to history, height, conditions, contact or birth plan; HPHT and NIK are fixed once registered. */
export class UpdatePregnancyDto extends PartialType(UpdatableFields) {}

export class ClosePregnancyDto {
  @ApiProperty({ enum: PREGNANCY_OUTCOMES }) @IsIn(PREGNANCY_OUTCOMES) outcome!: PregnancyOutcome;
  @ApiProperty({ example: '2026-11-20T08:30:00Z' }) @IsRfc3339DateTime() closedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500) note?: string;
}
