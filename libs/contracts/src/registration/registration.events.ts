import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PREGNANCY_OUTCOMES, type PregnancyOutcome } from '../clinical-vocabulary';
import { AncVisitV1 } from './anc-visit';
import { PregnancySnapshotV1 } from './pregnancy-snapshot';
import { IsNestedObject } from '../rules/nested-object';
import { IsRfc3339DateTime } from '../date-formats';

export class PregnancyRegisteredV1 {
  @IsNestedObject(() => PregnancySnapshotV1) pregnancy!: PregnancySnapshotV1;
  @IsRfc3339DateTime() registeredAt!: string;
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
  @IsRfc3339DateTime() closedAt!: string;
  @IsOptional() @IsString() @Length(0, 500) note?: string | null;
}
