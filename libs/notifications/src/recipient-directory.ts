import { Injectable } from '@nestjs/common';
import { queryRows, type SqlExecutor } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import type { ChannelName, RecipientKind } from './notification.types';

export interface Recipient {
  kind: RecipientKind;
  id: string;
}

export interface RecipientEndpoint {
  recipientKind: RecipientKind;
  recipientId: string;
  channel: ChannelName;
  address: string;
  updatedAt: string;
  updatedBy: string;
}

interface EndpointRow {
  recipient_kind: RecipientKind;
  recipient_id: string;
  channel: ChannelName;
  address: string;
  updated_at: Date;
  updated_by: string;
}

const toEndpoint = (r: EndpointRow): RecipientEndpoint => ({
  recipientKind: r.recipient_kind,
  recipientId: r.recipient_id,
  channel: r.channel,
  address: r.address,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

const COLUMNS = 'recipient_kind, recipient_id, channel, address, updated_at, updated_by';

/**
 * Where recipients are reached: one row per (recipient kind, recipient id, channel), in the service's own schema,
 * managed by an admin through /notification-endpoints. A recipient without a row is not notified (and the caller
 * can say so); the on-call doctor of a health center is ('on-call', <health-center id>), the district's
 * ('on-call', 'district').
 */
@Injectable()
export class RecipientDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Every endpoint of these recipients, in the caller's transaction. */
  async lookup(executor: SqlExecutor, recipients: Recipient[]): Promise<RecipientEndpoint[]> {
    if (recipients.length === 0) return [];
    const rows = await queryRows<EndpointRow>(
      executor,
      `SELECT ${COLUMNS} FROM recipient_endpoint e
       JOIN unnest($1::text[], $2::text[]) AS r(kind, id) ON e.recipient_kind = r.kind AND e.recipient_id = r.id
       ORDER BY e.recipient_kind, e.recipient_id, e.channel`,
      [recipients.map((r) => r.kind), recipients.map((r) => r.id)],
    );
    return rows.map(toEndpoint);
  }

  async list(kind?: RecipientKind): Promise<RecipientEndpoint[]> {
    const rows = await queryRows<EndpointRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM recipient_endpoint WHERE $1::text IS NULL OR recipient_kind = $1
       ORDER BY recipient_kind, recipient_id, channel LIMIT 1000`,
      [kind ?? null],
    );
    return rows.map(toEndpoint);
  }

  async upsert(endpoint: Omit<RecipientEndpoint, 'updatedAt'>): Promise<RecipientEndpoint> {
    const [row] = await queryRows<EndpointRow>(
      this.dataSource,
      `INSERT INTO recipient_endpoint (recipient_kind, recipient_id, channel, address, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (recipient_kind, recipient_id, channel) DO UPDATE SET address = EXCLUDED.address, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [endpoint.recipientKind, endpoint.recipientId, endpoint.channel, endpoint.address, endpoint.updatedBy],
    );
    return toEndpoint(row);
  }

  /** True when there was an endpoint to remove. */
  async remove(kind: RecipientKind, id: string, channel: ChannelName): Promise<boolean> {
    const rows = await queryRows<{ channel: string }>(
      this.dataSource,
      `WITH removed AS (DELETE FROM recipient_endpoint WHERE recipient_kind = $1 AND recipient_id = $2 AND channel = $3 RETURNING channel)
       SELECT channel FROM removed`,
      [kind, id, channel],
    );
    return rows.length > 0;
  }
}
