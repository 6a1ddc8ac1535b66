import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessAudit, CurrentActor, Roles, type Actor } from '@siaga/auth';
import { queryRows } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import { NotificationsException } from './notifications.exception';
import { RecipientDirectory, type RecipientEndpoint } from './recipient-directory';
import {
  NotificationQuery,
  RecipientEndpointBody,
  RecipientEndpointParams,
  RecipientEndpointQuery,
  addressProblem,
} from './recipient-endpoint.dto';

interface NotificationSummaryRow {
  id: string;
  kind: string;
  recipientKind: string;
  recipientId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const endpointPath = (p: RecipientEndpointParams) =>
  `/notification-endpoints/${encodeURIComponent(p.recipientKind)}/${encodeURIComponent(p.recipientId)}/${p.channel}`;

/**
 * Admin API of a service's recipient directory and queue. The addresses (phone numbers, webhook URLs) are
 * contact data: admin only, and every read and change is in the access audit like any other access.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class RecipientEndpointController {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly dataSource: DataSource,
    private readonly audit: AccessAudit,
  ) {}

  @Get('notification-endpoints')
  @ApiOperation({ summary: 'Where recipients are reached, per channel' })
  async list(@CurrentActor() actor: Actor, @Query() query: RecipientEndpointQuery): Promise<RecipientEndpoint[]> {
    const resource = query.recipientKind ? `/notification-endpoints?recipientKind=${query.recipientKind}` : '/notification-endpoints';
    await this.audit.record({ actor, action: 'notification-endpoint.list', resource, outcome: 'allowed' });
    return this.directory.list(query.recipientKind);
  }

  @Put('notification-endpoints/:recipientKind/:recipientId/:channel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the address of a recipient on a channel' })
  async put(
    @CurrentActor() actor: Actor,
    @Param() params: RecipientEndpointParams,
    @Body() body: RecipientEndpointBody,
  ): Promise<RecipientEndpoint> {
    const problem = addressProblem(params.channel, body.address);
    if (problem) throw NotificationsException.invalidAddress(problem);
    await this.audit.record({ actor, action: 'notification-endpoint.update', resource: endpointPath(params), outcome: 'allowed' });
    return this.directory.upsert({ ...params, address: body.address, updatedBy: actor.userId });
  }

  @Delete('notification-endpoints/:recipientKind/:recipientId/:channel')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop reaching a recipient on a channel' })
  async remove(@CurrentActor() actor: Actor, @Param() params: RecipientEndpointParams): Promise<void> {
    await this.audit.record({ actor, action: 'notification-endpoint.delete', resource: endpointPath(params), outcome: 'allowed' });
    if (!(await this.directory.remove(params.recipientKind, params.recipientId, params.channel))) {
      throw new NotFoundException('No such endpoint');
    }
  }

  @Get('notifications')
  @ApiOperation({ summary: 'The latest queued notifications and their delivery state (e.g. ?status=failed)' })
  async notifications(@CurrentActor() actor: Actor, @Query() query: NotificationQuery) {
    await this.audit.record({ actor, action: 'notification.list', resource: '/notifications', outcome: 'allowed' });
    const rows = await queryRows<NotificationSummaryRow>(
      this.dataSource,
      `SELECT id, kind, recipient_kind AS "recipientKind", recipient_id AS "recipientId", channel, status, attempts,
              last_error AS "lastError", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM notification WHERE $1::text IS NULL OR status = $1 ORDER BY created_at DESC LIMIT 200`,
      [query.status ?? null],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
  }
}
