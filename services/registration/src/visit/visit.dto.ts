import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { AncVisitV1 } from '@siaga/contracts';
import { IsOptional, IsString, Length } from 'class-validator';

/** One antenatal visit as the midwife records it: every fact a KSPR factor or WHO rule needs. */
export class RecordVisitDto extends OmitType(AncVisitV1, ['visitId']) {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) notes?: string;
}
