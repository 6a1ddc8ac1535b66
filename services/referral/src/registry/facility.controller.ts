import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayToRouteRoles } from '@siaga/http';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { FacilityDto, FacilityQueryDto } from './registry.dto';
import { RegistryService } from './registry.service';
import type { Facility } from './registry.types';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('facilities')
export class FacilityController {
  constructor(private readonly registry: RegistryService) {}

  @Get()
  @Roles('admin', 'district', 'doctor', 'midwife', 'hospital')
  @ApiOperation({ summary: 'Puskesmas, polindes and hospitals with their capabilities and the areas they serve' })
  list(@CurrentActor() actor: Actor, @Query() query: FacilityQueryDto): Promise<Facility[]> {
    return this.registry.listFacilities(actor, query.kind);
  }

  @Get(':id')
  @Roles('admin', 'district', 'doctor', 'midwife', 'hospital')
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<Facility> {
    return this.registry.getFacility(actor, id);
  }

  @Post()
  @Roles('admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayToRouteRoles()
  create(@CurrentActor() actor: Actor, @Body() dto: FacilityDto): Promise<Facility> {
    return this.registry.putFacility(actor, null, dto);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or replace a facility under a known id' })
  put(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FacilityDto): Promise<Facility> {
    return this.registry.putFacility(actor, id, dto);
  }
}
