import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { queryRows, type SqlExecutor } from '@siaga/persistence';
import type { NewNotification } from './notification.types';

// One statement for the batch; an existing dedup key inserts nothing (and is not an error).
const ENQUEUE_SQL = `
INSERT INTO notification (id, dedup_key, recipient_kind, recipient_id, channel, address, kind, payload, next_attempt_at)
SELECT r."id", r."dedupKey", r."recipientKind", r."recipientId", r."channel", r."address", r."kind", r."payload", now()
FROM jsonb_to_recordset($1::jsonb) AS r(
  "id" uuid, "dedupKey" text, "recipientKind" text, "recipientId" text, "channel" text, "address" text, "kind" text, "payload" jsonb)
ON CONFLICT (dedup_key) DO NOTHING
RETURNING dedup_key`;

/**
 * Puts notifications in the queue inside the caller's transaction: they exist only if the state change that
 * caused them commits, and the caller never waits on a gateway. The dispatcher delivers them afterwards.
 */
@Injectable()
export class NotificationQueue {
  /** Returns the dedup keys actually enqueued (keys seen before are skipped). */
  async enqueue(manager: SqlExecutor, notifications: NewNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const rows = await queryRows<{ dedup_key: string }>(manager, ENQUEUE_SQL, [
      JSON.stringify(notifications.map((n) => ({ ...n, id: randomUUID() }))),
    ]);
    return rows.map((r) => r.dedup_key);
  }
}
