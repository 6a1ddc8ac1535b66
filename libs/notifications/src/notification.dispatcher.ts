import { randomUUID } from 'node:crypto';
import { queryRows } from '@siaga/persistence';
import type { Logger } from '@siaga/observability';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { notificationChannel } from './notification-tables';
import { DeliveryError, type ChannelName, type NotificationChannel, type OutgoingNotification } from './notification.types';
import { notificationMetrics } from './notifications.metrics';
import { retryDelayMs, type NotificationsConfig } from './notifications-config';

interface ClaimedRow {
  id: string;
  dedup_key: string;
  recipient_kind: OutgoingNotification['recipientKind'];
  recipient_id: string;
  channel: ChannelName;
  address: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

// Claims due rows for one attempt each (UPDATE inside a CTE so the driver hands back plain rows). SKIP LOCKED lets several dispatchers claim side by side without
// waiting; moving next_attempt_at forward by the lease in the same statement keeps a claimed row away from the
// others after commit, and hands it back if this instance dies mid-attempt. No lock is held during delivery.
const CLAIM_SQL = `
WITH due AS (
  SELECT id FROM notification
  WHERE status = 'pending' AND next_attempt_at <= now()
  ORDER BY next_attempt_at
  LIMIT $1
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE notification n
  SET attempts = n.attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
  FROM due WHERE n.id = due.id
  RETURNING n.id, n.dedup_key, n.recipient_kind, n.recipient_id, n.channel, n.address, n.kind, n.payload, n.attempts, n.created_at
)
SELECT * FROM claimed`;

// The attempt goes to the log whatever happens; the row changes only if this attempt still owns it (its
// attempt number is the current one), so a stale instance past its lease cannot overwrite a newer outcome.
const RECORD_SQL = `
WITH logged AS (
  INSERT INTO notification_delivery (notification_id, attempt, at, outcome, status_code, error, duration_ms, dispatcher)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
)
UPDATE notification SET
  status = $9,
  next_attempt_at = CASE WHEN $9 = 'pending' THEN now() + make_interval(secs => $10) ELSE NULL END,
  last_error = $6,
  delivered_at = CASE WHEN $9 = 'delivered' THEN now() ELSE delivered_at END,
  failed_at = CASE WHEN $9 = 'failed' THEN now() ELSE failed_at END,
  updated_at = now()
WHERE id = $1 AND attempts = $2 AND status = 'pending'`;

interface AttemptResult {
  outcome: 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
}

/**
 * Delivers queued notifications through their channels. Woken by NOTIFY when rows are enqueued, polls for
 * due retries; safe to run in several instances at once (see CLAIM_SQL). Every attempt is logged; failures
 * are retried with exponential backoff until maxAttempts, then the notification is 'failed'.
 */
export class NotificationDispatcher {
  readonly instanceId = `dispatcher-${randomUUID().slice(0, 8)}`;
  private readonly channels: Map<ChannelName, NotificationChannel>;
  private listener?: Client;
  private stopped = true;
  private running?: Promise<void>;
  private wakeAgain = false;
  private pollTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    channels: NotificationChannel[],
    private readonly config: NotificationsConfig,
    private readonly logger: Logger,
  ) {
    this.channels = new Map(channels.map((c) => [c.name, c]));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.listen();
    this.schedulePoll();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    await this.running;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** One claim-and-deliver round; returns how many notifications were attempted (tests, CLIs). */
  async dispatchDue(): Promise<number> {
    const lease = Math.ceil(this.config.webhookTimeoutMs / 1000) + 30;
    const claimed = await queryRows<ClaimedRow>(this.dataSource, CLAIM_SQL, [this.config.batchSize, lease]);
    await Promise.all(claimed.map((row) => this.attempt(row)));
    return claimed.length;
  }

  private async attempt(row: ClaimedRow): Promise<void> {
    const message: OutgoingNotification = {
      id: row.id,
      recipientKind: row.recipient_kind,
      recipientId: row.recipient_id,
      channel: row.channel,
      address: row.address,
      kind: row.kind,
      payload: row.payload,
      dedupKey: row.dedup_key,
      attempt: Number(row.attempts),
      createdAt: row.created_at.toISOString(),
    };
    const startedAt = new Date();
    const result = await this.deliver(message);
    const durationMs = Date.now() - startedAt.getTime();
    const exhausted = message.attempt >= this.config.maxAttempts;
    const status = result.outcome === 'delivered' ? 'delivered' : exhausted ? 'failed' : 'pending';
    const retryInSeconds = retryDelayMs(message.attempt, this.config) / 1000;
    await this.dataSource.query(RECORD_SQL, [
      message.id,
      message.attempt,
      startedAt.toISOString(),
      result.outcome,
      result.statusCode,
      result.error,
      durationMs,
      this.instanceId,
      status,
      retryInSeconds,
    ]);
    if (status === 'delivered') notificationMetrics.delivered.inc({ channel: message.channel });
    else notificationMetrics.failedAttempts.inc({ channel: message.channel });
    if (status === 'failed') {
      notificationMetrics.givenUp.inc({ channel: message.channel });
      this.logger.error(
        {
          notificationId: message.id,
          kind: message.kind,
          recipientKind: message.recipientKind,
          attempts: message.attempt,
          error: result.error,
        },
        'notification given up after its last attempt',
      );
    } else if (status === 'pending') {
      this.logger.warn(
        { notificationId: message.id, attempt: message.attempt, error: result.error, retryInSeconds },
        'notification attempt failed',
      );
    }
  }

  private async deliver(message: OutgoingNotification): Promise<AttemptResult> {
    const channel = this.channels.get(message.channel);
    if (!channel) return { outcome: 'failed', statusCode: null, error: `no ${message.channel} channel is configured` };
    try {
      const receipt = await channel.deliver(message);
      return { outcome: 'delivered', statusCode: receipt?.statusCode ?? null, error: null };
    } catch (error) {
      return {
        outcome: 'failed',
        statusCode: error instanceof DeliveryError ? (error.statusCode ?? null) : null,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      };
    }
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.runUntilQuiet().finally(() => {
      this.running = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async runUntilQuiet(): Promise<void> {
    try {
      while (!this.stopped && (await this.dispatchDue()) > 0);
    } catch (error) {
      this.logger.warn({ err: error }, 'notification dispatcher round failed; the next poll retries');
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.wake();
      this.schedulePoll();
    }, this.config.pollMs);
    this.pollTimer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.options as { url?: string; schema?: string };
    const client = new Client({ connectionString: options.url });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'notification listener lost its connection; polling until it is back');
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${notificationChannel(options.schema ?? 'public')}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'notification listener could not connect; polling until it can');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 2000).unref();
    }
  }
}
