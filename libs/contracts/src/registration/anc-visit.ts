import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  DANGER_SIGNS,
  FETAL_MOVEMENT,
  PRESENTATIONS,
  URINE_PROTEIN,
  type DangerSign,
  type FetalMovement,
  type Presentation,
  type UrineProtein,
} from '../clinical-vocabulary';
import { IsCalendarDate } from '../date-formats';

/**
 * One antenatal contact as facts. Every field but the date is optional: a midwife
 * records what she measured, and an unmeasured value is unknown (null), not normal.
 * "Repeat" fields are the second measurement several WHO rules ask for (WHO-TEMP, WHO-PULSE, WHO-FHR).
 */
export class AncVisitV1 {
  @IsUUID() visitId!: string;
  @IsCalendarDate() visitDate!: string;
  @IsOptional() @IsInt() @Min(50) @Max(300) systolic?: number | null;
  @IsOptional() @IsInt() @Min(20) @Max(200) diastolic?: number | null;
  @IsOptional() @IsInt() @Min(50) @Max(300) systolicRepeat?: number | null;
  @IsOptional() @IsInt() @Min(20) @Max(200) diastolicRepeat?: number | null;
  @IsOptional() @IsNumber() @Min(25) @Max(200) weightKg?: number | null;
  @IsOptional() @IsNumber() @Min(30) @Max(45) temperatureC?: number | null;
  @IsOptional() @IsNumber() @Min(30) @Max(45) temperatureRepeatC?: number | null;
  @IsOptional() @IsInt() @Min(20) @Max(250) pulse?: number | null;
  @IsOptional() @IsInt() @Min(20) @Max(250) pulseRepeat?: number | null;
  @IsOptional() @IsInt() @Min(50) @Max(100) spo2?: number | null;
  @IsOptional() @IsNumber() @Min(10) @Max(60) lilaCm?: number | null;
  @IsOptional() @IsNumber() @Min(2) @Max(25) hemoglobin?: number | null;
  @IsOptional() @IsIn(URINE_PROTEIN) urineProtein?: UrineProtein | null;
  @IsOptional() @IsNumber() @Min(0) @Max(60) fundalHeightCm?: number | null;
  /** 0 records an absent heartbeat (WHO-FHR). */
  @IsOptional() @IsInt() @Min(0) @Max(250) fetalHeartRate?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(250) fetalHeartRateRepeat?: number | null;
  @IsOptional() @IsIn(PRESENTATIONS) presentation?: Presentation | null; // KSPR-17, KSPR-18
  @IsOptional() @IsInt() @Min(1) @Max(6) fetusCount?: number | null; // KSPR-13
  @IsOptional() @IsIn(FETAL_MOVEMENT) fetalMovement?: FetalMovement | null; // WHO-FM
  @IsOptional() @IsBoolean() oedema?: boolean | null; // KSPR-12
  @IsOptional() @IsBoolean() polyhydramnios?: boolean | null; // KSPR-14
  @IsOptional() @IsBoolean() intrauterineFetalDeath?: boolean | null; // KSPR-15
  @IsArray() @IsIn(DANGER_SIGNS, { each: true }) dangerSigns!: DangerSign[];
}
