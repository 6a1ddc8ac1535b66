import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { AssessmentHistoryQueryDto } from './assessment.dto';
import { AssessmentReader, type AssessmentHistoryPage, type CurrentAssessmentView } from './assessment-reader.service';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('pregnancies/:pregnancyId')
export class AssessmentController {
  constructor(private readonly reader: AssessmentReader) {}

  @Get('assessment')
  @Roles('midwife', 'doctor')
  @ApiOperation({ summary: 'The current KSPR score, category and WHO findings of a pregnancy' })
  current(@CurrentActor() actor: Actor, @Param('pregnancyId', new ParseUUIDPipe()) pregnancyId: string): Promise<CurrentAssessmentView> {
    return this.reader.current(actor, pregnancyId);
  }

  @Get('assessments')
  @Roles('midwife', 'doctor')
  @ApiOperation({ summary: 'Every assessment of a pregnancy, newest first, with cursor pagination' })
  history(
    @CurrentActor() actor: Actor,
    @Param('pregnancyId', new ParseUUIDPipe()) pregnancyId: string,
    @Query() query: AssessmentHistoryQueryDto,
  ): Promise<AssessmentHistoryPage> {
    return this.reader.history(actor, pregnancyId, query);
  }
}
