import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { AncVisitV1, IsCalendarDateOrDateTime, PregnancySnapshotV1 } from '@siaga/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';

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
  @IsObject()
  @ValidateNested()
  @Type(() => PreviewPregnancyDto)
  pregnancy!: PreviewPregnancyDto;

  @ApiProperty({ type: [PreviewVisitDto], description: 'Antenatal visits in any order (may be empty)' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => PreviewVisitDto)
  visits!: PreviewVisitDto[];

  @ApiPropertyOptional({ description: 'Score as of this date or moment (UTC day); default now', example: '2026-06-01' })
  @IsOptional()
  @IsCalendarDateOrDateTime()
  asOf?: string;
}
