import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { AncVisitV1, PregnancySnapshotV1, IsNestedObject, IsNestedArray, IsCalendarDateOrDateTime } from '@siaga/contracts';
import { ArrayMaxSize, IsOptional } from 'class-validator';

/** The facts of a pregnancy the rules read, without who she is or where she lives: a what-if needs no identity. */
export class PreviewPregnancyDto extends PickType(PregnancySnapshotV1, [
  'motherBirthDate',
  'heightCm',
  'hpht',
  'history',
  'conditions',
] as const) {}

/** A visit as registration records it, without its id. */
export class PreviewVisitDto extends OmitType(AncVisitV1, ['visitId'] as const) {}

export class PreviewAssessmentDto {
  @ApiProperty({ type: PreviewPregnancyDto })
  @IsNestedObject(() => PreviewPregnancyDto)
  pregnancy!: PreviewPregnancyDto;

  @ApiProperty({ type: [PreviewVisitDto], description: 'Antenatal visits in any order (may be empty)' })
  @IsNestedArray(() => PreviewVisitDto)
  @ArrayMaxSize(40)
  visits!: PreviewVisitDto[];

  @ApiPropertyOptional({ description: 'Score as of this date or moment (UTC day); default now', example: '2026-06-01' })
  @IsOptional()
  @IsCalendarDateOrDateTime()
  asOf?: string;
}
