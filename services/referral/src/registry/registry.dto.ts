import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACILITY_CAPABILITIES, type FacilityCapability, IsLatitudeNumber, IsLongitudeNumber, IsIndonesianPhone } from '@siaga/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AREA_CODE, VILLAGE_CODE } from '@referral/geo/wilayah';
import { FACILITY_KINDS, RESPONDER_KINDS, type FacilityKind, type ResponderKind } from './registry.types';

export class FacilityDto {
  @ApiProperty({ enum: FACILITY_KINDS }) @IsIn(FACILITY_KINDS) kind!: FacilityKind;
  @ApiProperty({ example: 'RSUD Demo Genteng' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ example: 'Jl. Contoh No. 1' }) @IsOptional() @IsString() @Length(1, 300) address?: string;
  @ApiPropertyOptional({ example: '35.10.09.2002' })
  @IsOptional()
  @Matches(VILLAGE_CODE, { message: 'villageCode must look like 35.10.20.2001' })
  villageCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
  @ApiPropertyOptional({ example: '+62 800-0000-0101' }) @IsOptional() @IsIndonesianPhone() phone?: string;
  @ApiProperty({ enum: FACILITY_CAPABILITIES, isArray: true })
  @IsArray()
  @IsIn(FACILITY_CAPABILITIES, { each: true })
  capabilities!: FacilityCapability[];
  @ApiProperty({ example: ['35.10'], description: 'Region codes served: regency (35.10), district (35.10.20) or village' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(AREA_CODE, { each: true, message: 'each served area must be a region code like 35.10, 35.10.20 or 35.10.20.2001' })
  servedAreas!: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ResponderDto {
  @ApiProperty({ enum: RESPONDER_KINDS }) @IsIn(RESPONDER_KINDS) kind!: ResponderKind;
  @ApiProperty({ example: 'Polsek Demo Sempu' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ example: 'Polresta Banyuwangi' }) @IsOptional() @IsString() @Length(1, 200) organisation?: string;
  @ApiPropertyOptional({ example: '+62 800-0000-0201' }) @IsOptional() @IsIndonesianPhone() phone?: string;
  @ApiProperty({ example: ['35.10.20.2001'], description: 'Villages (desa codes) covered' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(VILLAGE_CODE, { each: true, message: 'each village code must look like 35.10.20.2001' })
  villageCodes!: string[];
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() onDuty?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

/** A responder going on or off duty (from the police post's screen or a volunteer's phone). */
export class DutyDto {
  @ApiProperty() @IsBoolean() onDuty!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
}

export class VillageDto {
  @ApiProperty({ example: 'Sempu' }) @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ example: 'Sempu' }) @IsString() @Length(1, 120) districtName!: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitudeNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitudeNumber() longitude?: number;
}

export class FacilityQueryDto {
  @ApiPropertyOptional({ enum: FACILITY_KINDS }) @IsOptional() @IsIn(FACILITY_KINDS) kind?: FacilityKind;
}

export class ResponderQueryDto {
  @ApiPropertyOptional({ example: '35.10.20.2001' })
  @IsOptional()
  @Matches(VILLAGE_CODE, { message: 'village must look like 35.10.20.2001' })
  village?: string;
}

export class VillageQueryDto {
  @ApiPropertyOptional({ example: '35.10.20' })
  @IsOptional()
  @Matches(/^\d{2}\.\d{2}\.\d{2}$/, { message: 'district must look like 35.10.20' })
  district?: string;
}
