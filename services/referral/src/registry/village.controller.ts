import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { VILLAGE_CODE } from '@referral/geo/wilayah';
import { VillageDto, VillageQueryDto } from './registry.dto';
import { RegistryException } from './registry.exception';
import { RegistryService } from './registry.service';
import type { Village } from './registry.types';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('villages')
export class VillageController {
  constructor(private readonly registry: RegistryService) {}

  @Get()
  @Roles('admin', 'district', 'doctor', 'midwife', 'hospital')
  @ApiOperation({ summary: 'Villages known to the registry, with their approximate centre' })
  list(@Query() query: VillageQueryDto): Promise<Village[]> {
    return this.registry.listVillages(query.district);
  }

  @Put(':code')
  @Roles('admin')
  put(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: VillageDto): Promise<Village> {
    if (!VILLAGE_CODE.test(code)) throw RegistryException.implausible('code', 'must look like 35.10.20.2001');
    return this.registry.putVillage(actor, code, dto);
  }
}
