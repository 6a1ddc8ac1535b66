import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { ReplayAs, routeParam } from '@siaga/http';
import { RecordVisitDto } from './visit.dto';
import { VisitService, type VisitView } from './visit.service';

@ApiTags('visits')
@ApiBearerAuth()
@Controller('pregnancies/:pregnancyId/visits')
export class VisitController {
  constructor(private readonly visits: VisitService) {}

  @Post()
  @Roles('midwife')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('pregnancy', 'visit.read', routeParam('pregnancyId'))
  record(
    @CurrentActor() actor: Actor,
    @Param('pregnancyId', new ParseUUIDPipe()) pregnancyId: string,
    @Body() dto: RecordVisitDto,
  ): Promise<VisitView> {
    return this.visits.record(actor, pregnancyId, dto);
  }

  @Get()
  @Roles('midwife', 'doctor')
  list(@CurrentActor() actor: Actor, @Param('pregnancyId', new ParseUUIDPipe()) pregnancyId: string): Promise<VisitView[]> {
    return this.visits.list(actor, pregnancyId);
  }
}
