import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { ReplayAs, answerKey, routeParam } from '@siaga/http';
import type { AccessLogEntry } from '@registration/access/access-log.repository';
import { AccessLogService } from '@registration/access/access-log.service';
import { CaseloadQueryDto } from '@registration/caseload/caseload.dto';
import { CaseloadService } from '@registration/caseload/caseload.service';
import { ClosePregnancyDto, RegisterPregnancyDto, UpdatePregnancyDto } from './pregnancy.dto';
import { PregnancyService } from './pregnancy.service';
import type { PregnancyView } from './pregnancy.view';

@ApiTags('pregnancies')
@ApiBearerAuth()
@Controller('pregnancies')
export class PregnancyController {
  constructor(
    private readonly pregnancies: PregnancyService,
    private readonly caseload: CaseloadService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post()
  @Roles('midwife')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('pregnancy', 'pregnancy.read', answerKey('id'))
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterPregnancyDto): Promise<PregnancyView> {
    return this.pregnancies.register(actor, dto);
  }

  @Get()
  @Roles('midwife', 'doctor')
  list(@CurrentActor() actor: Actor, @Query() query: CaseloadQueryDto) {
    return this.caseload.list(actor, query);
  }

  @Get(':id')
  @Roles('midwife', 'doctor')
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PregnancyView> {
    return this.pregnancies.get(actor, id);
  }

  @Patch(':id')
  @Roles('midwife')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdatePregnancyDto,
  ): Promise<PregnancyView> {
    return this.pregnancies.update(actor, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('midwife')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('pregnancy', 'pregnancy.read', routeParam('id'))
  close(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ClosePregnancyDto,
  ): Promise<PregnancyView> {
    return this.pregnancies.close(actor, id, dto);
  }

  /** "Who looked at my record?" in every service — answered by the district health office (the data controller). */
  @Get(':id/access-log')
  @Roles('district', 'admin')
  accessLogOf(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccessLogEntry[]> {
    return this.accessLog.forPregnancy(actor, id);
  }
}
