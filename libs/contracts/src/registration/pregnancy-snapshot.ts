import { IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CONDITIONS, type Condition } from '../clinical-vocabulary';
import { ObstetricHistoryV1 } from './obstetric-history';
import { IsNestedObject } from '../rules/nested-object';
import { IsCalendarDate } from '../date-formats';

/**
 * Everything risk scoring and triage need to know about a pregnancy, as of one moment.
 * Registered and updated events carry the whole snapshot so a consumer never has to merge partial patches.
 * Deliberately without NIK, phone or address: downstream services do not need them.
 */
export class PregnancySnapshotV1 {
  @IsUUID() pregnancyId!: string;
  @IsUUID() motherId!: string;
  @IsString() @Length(1, 200) motherName!: string;
  @IsCalendarDate() motherBirthDate!: string;
  @IsString() @Length(13, 13) villageCode!: string;
  @IsString() @Length(1, 120) villageName!: string;
  @IsString() @Length(1, 120) districtName!: string;
  @IsUUID() healthCenterId!: string;
  @IsUUID() midwifeId!: string;
  @IsOptional() @IsNumber() @Min(100) @Max(200) heightCm?: number | null; // KSPR-7
  /** First day of the last menstrual period (HPHT). */
  @IsCalendarDate() hpht!: string;
  /** Due date (HPL) = HPHT + 280 days. */
  @IsCalendarDate() hpl!: string;
  @IsNestedObject(() => ObstetricHistoryV1) history!: ObstetricHistoryV1;
  @IsArray() @IsIn(CONDITIONS, { each: true }) conditions!: Condition[]; // KSPR-11a..f
}
