import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../date-formats';

/** Facts of earlier pregnancies (KSPR-1 to KSPR-10). Unknown is null, never a guessed default. */
export class ObstetricHistoryV1 {
  /** Number of pregnancies including this one. */
  @IsInt() @Min(1) @Max(30) gravida!: number;
  @IsInt() @Min(0) @Max(30) para!: number;
  @IsInt() @Min(0) @Max(30) abortus!: number;
  @IsOptional() @IsInt() @Min(0) @Max(30) stillbirths?: number | null;
  @IsInt() @Min(0) @Max(30) livingChildren!: number;
  @IsBoolean() previousCaesarean!: boolean; // KSPR-10
  @IsBoolean() forcepsOrVacuum!: boolean; // KSPR-9a
  @IsBoolean() manualPlacentaRemoval!: boolean; // KSPR-9b
  @IsBoolean() infusionOrTransfusion!: boolean; // KSPR-9c
  @IsOptional() @IsCalendarDate() lastBirthDate?: string | null; // KSPR-3, KSPR-4
  @IsOptional() @IsCalendarDate() marriageDate?: string | null; // KSPR-2a
}
