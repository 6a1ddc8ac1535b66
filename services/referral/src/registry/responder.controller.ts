import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayToRouteRoles } from '@siaga/http';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { DutyDto, ResponderDto, ResponderQueryDto } from './registry.dto';
import { RegistryService } from './registry.service';
import type { Responder } from './registry.types';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('responders')
export class ResponderController {
  constructor(private readonly registry: RegistryService) {}

  @Get()
  @Roles('admin', 'district')
  @ApiOperation({ summary: 'Police units and officers, volunteers and village ambulances, with the villages they cover' })
  list(@CurrentActor() actor: Actor, @Query() query: ResponderQueryDto): Promise<Responder[]> {
    return this.registry.listResponders(actor, query.village);
  }

  /** Declared before :id so "me" is not read as an id. */
  @Get('me')
  @Roles('escort')
  me(@CurrentActor() actor: Actor): Promise<Responder> {
    return this.registry.myResponder(actor);
  }

  @Put('me/duty')
  @Roles('escort')
  @ApiOperation({ summary: 'Go on or off duty (only on-duty responders get escort offers)' })
  duty(@CurrentActor() actor: Actor, @Body() dto: DutyDto): Promise<Responder> {
    return this.registry.setMyDuty(actor, dto);
  }

  @Get(':id')
  @Roles('admin', 'district')
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<Responder> {
    return this.registry.getResponder(actor, id);
  }

  @Post()
  @Roles('admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayToRouteRoles()
  create(@CurrentActor() actor: Actor, @Body() dto: ResponderDto): Promise<Responder> {
    return this.registry.putResponder(actor, null, dto);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or replace a responder under a known id' })
  put(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResponderDto): Promise<Responder> {
    return this.registry.putResponder(actor, id, dto);
  }
}
