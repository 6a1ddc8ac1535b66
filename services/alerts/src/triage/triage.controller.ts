import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { ReplayAs, routeParam } from '@siaga/http';
import type { AlertDetailView, AlertView } from './alert.view';
import { ResolveAlertDto, TriageQueryDto } from './triage.dto';
import { TriageService } from './triage.service';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Get()
  @Roles('doctor', 'midwife', 'district')
  @ApiOperation({ summary: 'Triage list: the caller’s alerts, most urgent then oldest first, with the pregnancy summary' })
  list(@CurrentActor() actor: Actor, @Query() query: TriageQueryDto): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    return this.triage.list(actor, query);
  }

  @Get(':alertId')
  @Roles('doctor', 'midwife', 'district')
  @ApiOperation({ summary: 'One alert with its findings, pregnancy summary and every transition (who, when)' })
  get(@CurrentActor() actor: Actor, @Param('alertId', new ParseUUIDPipe()) alertId: string): Promise<AlertDetailView> {
    return this.triage.get(actor, alertId);
  }

  @Post(':alertId/acknowledge')
  @HttpCode(200)
  @Roles('doctor')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('alert', 'alert.read', routeParam('alertId'))
  @ApiOperation({ summary: 'Claim the alert (409 naming who has it when another doctor does); stops its escalation timer' })
  acknowledge(@CurrentActor() actor: Actor, @Param('alertId', new ParseUUIDPipe()) alertId: string): Promise<AlertDetailView> {
    return this.triage.acknowledge(actor, alertId);
  }

  @Post(':alertId/release')
  @HttpCode(200)
  @Roles('doctor')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('alert', 'alert.read', routeParam('alertId'))
  @ApiOperation({ summary: 'Give the alert back (end of shift): open again, with a new acknowledgement deadline' })
  release(@CurrentActor() actor: Actor, @Param('alertId', new ParseUUIDPipe()) alertId: string): Promise<AlertDetailView> {
    return this.triage.release(actor, alertId);
  }

  @Post(':alertId/resolve')
  @HttpCode(200)
  @Roles('doctor')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('alert', 'alert.read', routeParam('alertId'))
  @ApiOperation({
    summary: 'Decide: monitor, schedule-visit (date), refer (urgency, reason: the referral service acts on it) or false-alarm (note)',
  })
  resolve(
    @CurrentActor() actor: Actor,
    @Param('alertId', new ParseUUIDPipe()) alertId: string,
    @Body() dto: ResolveAlertDto,
  ): Promise<AlertDetailView> {
    return this.triage.resolve(actor, alertId, dto);
  }
}
