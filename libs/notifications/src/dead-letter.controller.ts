import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import { ReplayToRouteRoles } from '@siaga/http';
import { DataSource } from 'typeorm';
import { DeadLetterLog, type DeadLetter } from '@siaga/messaging';
import { DeadLetterQuery, ResolveDeadLetterBody } from './dead-letter.dto';

/**
 * The events this service's consumers gave up on. The district and the admin see them (pregnancy ids and error
 * messages, no names) and resolve each once the woman behind it has been seen to; readiness is degraded until then.
 */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Roles('district', 'admin')
@Controller('dead-letters')
export class DeadLetterController {
  constructor(
    private readonly log: DeadLetterLog,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Dead-lettered events, the latest first (open by default)' })
  list(@Query() query: DeadLetterQuery): Promise<DeadLetter[]> {
    return this.log.list(this.dataSource, query.status ?? 'open');
  }

  @Post(':id/resolve')
  @ReplayToRouteRoles() // the answer is what every district and admin account may list anyway
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a dead letter as dealt with (resolving again keeps the first resolution)' })
  async resolve(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveDeadLetterBody,
  ): Promise<DeadLetter> {
    const resolved = await this.log.resolve(this.dataSource, id, actor.userId, body.resolution);
    if (!resolved) throw new NotFoundException(`No dead letter ${id}`);
    return resolved;
  }
}
