import { queryRows } from '@siaga/persistence';
import type { DataSource, QueryRunner } from 'typeorm';
import { toCloudEventHeaders } from '../bus/cloud-events';
import type { MessageBus, OutgoingMessage } from '../bus/message-bus';
import type { Logger } from '@siaga/observability';
import { resolveTopic, type MessagingConfig } from '../messaging-config';
import { messagingMetrics } from '../messaging.metrics';

interface OutboxRow {
  id: string;
  subject: string;
  topic: string;
  sequence: number;
  type: string;
  source: string;
  time: Date;
  /** The JSON text as stored: published as it is, never parsed here. */
  payload: string;
}

// One statement claims a round: the oldest pending subjects, of those the ones this relay can own, and their
// pending events in sequence order. A subject's events go out in order only if one relay at a time owns the
// subject: SKIP LOCKED alone would let a second relay publish event n+1 while n is locked by the first. The
// candidates are over-fetched so a relay skips subjects other relays own; the LIMIT stops locking early.
const CLAIM_SQL = `
WITH candidates AS MATERIALIZED (
  SELECT subject FROM outbox WHERE published_at IS NULL
  GROUP BY subject ORDER BY min(position) LIMIT $1
),
owned AS MATERIALIZED (
  SELECT subject FROM candidates
  WHERE pg_try_advisory_xact_lock(hashtext('siaga_outbox_' || current_schema()), hashtext(subject))
  LIMIT $2
)
SELECT id, subject, topic, sequence, type, source, time, payload::text AS payload FROM outbox
WHERE published_at IS NULL AND subject IN (SELECT subject FROM owned)
ORDER BY subject, topic, sequence
LIMIT $2
FOR UPDATE SKIP LOCKED`;

const ANY_PENDING_SQL = `SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL) AS pending`;

const MARK_PUBLISHED_SQL = `UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])`;
const PURGE_SQL = `DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`;

/**
 * Publishes committed outbox events to the broker. Woken in process when a transaction that appended
 * events commits (`OutboxCommitSubscriber`), with a poll for events other processes wrote; safe to run
 * in several instances at once (per-subject advisory locks keep the order).
 */
export class OutboxRelay {
  private stopped = true;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private wakeTimer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly config: MessagingConfig,
    private readonly logger: Logger,
    private readonly retentionHours = 72,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedulePoll();
    this.purgeTimer = setInterval(() => void this.purge(), 10 * 60_000).unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearTimeout(this.wakeTimer);
    clearInterval(this.purgeTimer);
    await this.draining;
  }

  /** Publishes everything pending now; resolves when the outbox is empty (used by tests and shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, busy } = await this.publishBatch(true);
      total += published;
      if (published === 0 && !busy) return total;
      if (published === 0) await new Promise((resolve) => setTimeout(resolve, 20)); // others own what is left
    }
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drainUntilQuiet().finally(() => {
      this.draining = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drainUntilQuiet(): Promise<void> {
    try {
      // A round that claimed less than a batch took all there was: later commits wake the relay again.
      while (!this.stopped && (await this.publishBatch()).published >= this.config.outboxBatchSize);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      messagingMetrics.outboxPublishFailures.inc();
      this.logger.warn({ err: error, failures: this.failures }, 'outbox relay could not publish; will retry');
      const backoff = Math.min(5000, 200 * 2 ** Math.min(this.failures, 5));
      await new Promise((resolve) => setTimeout(resolve, backoff));
      this.wakeAgain = true;
    }
  }

  /** Called per committed transaction that appended events: a short delay lets one round carry several. */
  wakeSoon(): void {
    if (this.stopped) return;
    if (this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wake();
    }, this.config.outboxWakeDelayMs);
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.wake();
      this.schedulePoll();
    }, this.config.outboxPollMs);
    this.pollTimer.unref();
  }

  /** One round; with `askIfBusy`, `busy` tells whether events are pending that other relays own right now. */
  private async publishBatch(askIfBusy = false): Promise<{ published: number; busy: boolean }> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const batch = this.config.outboxBatchSize;
      const rows = await queryRows<OutboxRow>(runner, CLAIM_SQL, [batch * 4, batch]);
      if (rows.length > 0) {
        await this.bus.publish(rows.map((row) => this.toMessage(row)));
        await runner.query(MARK_PUBLISHED_SQL, [rows.map((r) => r.id)]);
      }
      // Nothing claimed: either nothing is pending, or other relays own all of it (asked only then).
      const busy = askIfBusy && rows.length === 0 && (await queryRows<{ pending: boolean }>(runner, ANY_PENDING_SQL))[0].pending;
      await runner.commitTransaction();
      messagingMetrics.outboxPublished.inc(rows.length);
      return { published: rows.length, busy };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private toMessage(row: OutboxRow): OutgoingMessage {
    return {
      topic: resolveTopic(this.config, row.topic),
      key: row.subject,
      value: row.payload,
      headers: toCloudEventHeaders({
        id: row.id,
        source: row.source,
        type: row.type,
        subject: row.subject,
        time: new Date(row.time).toISOString(),
        sequence: Number(row.sequence),
      }),
    };
  }

  private async purge(): Promise<void> {
    try {
      await this.dataSource.query(PURGE_SQL, [this.retentionHours]);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox purge failed');
    }
  }
}
