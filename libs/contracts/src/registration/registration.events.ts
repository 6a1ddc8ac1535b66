import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PREGNANCY_OUTCOMES, type PregnancyOutcome } from '../clinical-vocabulary';
import { AncVisitV1 } from './anc-visit';
import { PregnancySnapshotV1 } from './pregnancy-snapshot';
import { IsNestedObject } from '../rules/nested-object';

export class PregnancyRegisteredV1 {
  @IsNestedObject(() => PregnancySnapshotV1) pregnancy!: PregnancySnapshotV1;
  @IsISO8601({ strict: true }) registeredAt!: string;
}

export class VisitRecordedV1 {
  @IsUUID() pregnancyId!: string;
  @IsNestedObject(() => AncVisitV1) visit!: AncVisitV1;
}

/** History, height, conditions or birth plan changed: the whole new snapshot. */
export class PregnancyUpdatedV1 {
  @IsNestedObject(() => PregnancySnapshotV1) pregnancy!: PregnancySnapshotV1;
}

export class PregnancyClosedV1 {
  @IsUUID() pregnancyId!: string;
  @IsIn(PREGNANCY_OUTCOMES) outcome!: PregnancyOutcome;
  @IsISO8601({ strict: true }) closedAt!: string;
  @IsOptional() @IsString() @Length(0, 500) note?: string | null;
}
