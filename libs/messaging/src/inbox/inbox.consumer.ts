import { CE_HEADERS, InvalidEventError, deadLetterTopic, isClinicalTopic, validateEventData, type EventEnvelope } from '@siaga/contracts';
import type { Logger } from '@siaga/observability';
import { isTransientDatabaseError, queryRows, type TransactionContext } from '@siaga/persistence';
import type { EntityManager } from 'typeorm';
import { MalformedEventError, fromMessage } from '../bus/cloud-events';
import type { IncomingMessage, MessageBus, MessageContext, Subscription } from '../bus/message-bus';
import { resolveTopic, type MessagingConfig } from '../messaging-config';
import { messagingMetrics } from '../messaging.metrics';
import type { DeadLetterAlarm } from './dead-letter-alarm';
import { DeadLetterLog, type NewDeadLetter } from './dead-letter-log';
import {
  PermanentEventError,
  type BatchEventHandler,
  type ConsumerDefinition,
  type EventHandler,
  type HandledEvent,
} from './event-handler';

// One round trip: record the chunk's events as seen (returning the new ones) and lock the per-subject
// sequence rows of its subjects until commit.
const MARK_SEEN_AND_LOCK_SQL = `
WITH seen AS (
  INSERT INTO inbox (consumer_group, event_id, topic, partition, "offset")
  SELECT $1, e, $2, $3, o FROM unnest($4::uuid[], $5::bigint[]) AS t(e, o)
  ON CONFLICT DO NOTHING RETURNING event_id
),
locked AS (
  SELECT subject, last_sequence FROM inbox_sequence
  WHERE consumer_group = $1 AND topic = $2 AND subject = ANY($6::text[]) FOR UPDATE
)
SELECT event_id::text AS fresh, NULL AS subject, NULL::bigint AS last_sequence FROM seen
UNION ALL
SELECT NULL, subject, last_sequence FROM locked`;

const SAVE_SEQUENCES_SQL = `
INSERT INTO inbox_sequence (consumer_group, topic, subject, last_sequence)
SELECT $1, $2, s, n FROM unnest($3::text[], $4::bigint[]) AS t(s, n)
ON CONFLICT (consumer_group, topic, subject)
DO UPDATE SET last_sequence = GREATEST(inbox_sequence.last_sequence, EXCLUDED.last_sequence)`;

const RECORD_ANOMALIES_SQL = `
INSERT INTO sequence_anomaly (consumer_group, topic, subject, event_id, kind, expected_sequence, received_sequence)
SELECT $1, $2, s, e, k, x, r FROM unnest($3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::bigint[]) AS t(s, e, k, x, r)`;

type Outcome = 'handled' | 'duplicate' | 'out-of-order' | 'skipped';

interface Decoded {
  message: IncomingMessage;
  event: EventEnvelope;
  consumed: boolean;
}

interface Anomaly {
  event: EventEnvelope;
  kind: 'gap' | 'out-of-order';
  expected: number;
}

const isPermanent = (error: unknown): boolean =>
  error instanceof InvalidEventError || error instanceof MalformedEventError || error instanceof PermanentEventError;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At-least-once delivery made effectively-once: a chunk of one partition's events is handled in one
 * transaction with their inbox rows, so a redelivery changes nothing. Per subject, an older sequence
 * than already applied is recorded and skipped; a jump is recorded and applied. Transient failures
 * (database down) are retried with backoff for as long as it takes; any other failure replays the
 * chunk one event at a time, so only the poison event is retried a few times and then goes to
 * `<topic>.dlt` with the error in its headers, and the partition moves on. A dead letter is also recorded in
 * `dead_letter`; on a clinical topic it raises the alarm (error log, metric, readiness degraded, the alarm's notice).
 */
export class InboxConsumer {
  constructor(
    private readonly bus: MessageBus,
    private readonly transactions: TransactionContext,
    private readonly config: MessagingConfig,
    private readonly logger: Logger,
    private readonly alarm?: DeadLetterAlarm,
    private readonly deadLetters = new DeadLetterLog(),
  ) {}

  /** Joins the definition's group; its topics and their dead-letter topics must exist (the lifecycle creates them). */
  async start(definition: ConsumerDefinition): Promise<Subscription> {
    const topics = definition.topics.map((t) => resolveTopic(this.config, t));
    const baseTopicOf = new Map(definition.topics.map((t) => [resolveTopic(this.config, t), t]));
    return this.bus.subscribe(
      {
        groupId: `${this.config.topicPrefix}${definition.groupId}`,
        topics,
        fromBeginning: true,
        concurrency: definition.concurrency ?? 3,
        maxBatchSize: this.config.consumerBatchSize,
        commitIntervalMs: this.config.consumerCommitIntervalMs,
      },
      (messages, context) => this.processChunk(definition, baseTopicOf.get(messages[0].topic) ?? messages[0].topic, messages, context),
    );
  }

  private async processChunk(definition: ConsumerDefinition, topic: string, messages: IncomingMessage[], context: MessageContext) {
    const decoded: Decoded[] = [];
    for (const message of messages) {
      const item = await this.decode(definition, topic, message, context);
      if (item) decoded.push(item);
    }
    if (decoded.length === 0) return;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcomes = await this.transactions.run((manager) => this.handleChunk(definition, topic, decoded, manager));
        for (const outcome of outcomes) messagingMetrics.consumed.inc({ topic, outcome });
        return;
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          await this.backOffTransient(error, attempt, decoded[0].event.id, context);
          continue;
        }
        if (decoded.length === 1) return this.retryOneByOne(definition, topic, decoded[0], context, error);
        // Find the poison event: replay the chunk one event at a time, in order.
        for (const item of decoded) await this.retryOneByOne(definition, topic, item, context);
        return;
      }
    }
  }

  private async decode(
    definition: ConsumerDefinition,
    topic: string,
    message: IncomingMessage,
    context: MessageContext,
  ): Promise<Decoded | undefined> {
    try {
      const envelope = fromMessage(message);
      const consumed =
        'handlers' in definition ? Object.hasOwn(definition.handlers, envelope.type) : definition.types.includes(envelope.type);
      const event = consumed ? { ...envelope, data: validateEventData(envelope.type, envelope.data) } : envelope;
      return { message, event, consumed };
    } catch (error) {
      await this.deadLetter(definition.groupId, topic, message, error, 0, context);
      return undefined;
    }
  }

  /** One event in its own transaction: retried while the failure is transient, else a few times, then dead-lettered. */
  private async retryOneByOne(definition: ConsumerDefinition, topic: string, item: Decoded, context: MessageContext, failed?: unknown) {
    let error: unknown = failed;
    let outages = 0;
    for (let attempt = failed === undefined ? 1 : 2; ; attempt += 1) {
      if (error !== undefined) {
        if (isPermanent(error) || attempt > this.config.consumerMaxAttempts) {
          await this.deadLetter(definition.groupId, topic, item.message, error, attempt - 1, context);
          return;
        }
        this.logger.warn({ err: error, eventId: item.event.id, attempt }, 'event handler failed; retrying');
        await sleep(100 * 2 ** attempt);
        await context.heartbeat().catch(() => undefined);
      }
      try {
        const [outcome] = await this.transactions.run((manager) => this.handleChunk(definition, topic, [item], manager));
        messagingMetrics.consumed.inc({ topic, outcome });
        return;
      } catch (caught) {
        if (isTransientDatabaseError(caught)) {
          outages += 1;
          await this.backOffTransient(caught, outages, item.event.id, context);
          error = undefined;
          attempt -= 1; // a database outage does not count against the event
          continue;
        }
        error = caught;
      }
    }
  }

  private async backOffTransient(error: unknown, attempt: number, eventId: string, context: MessageContext) {
    if (attempt === 1 || attempt % 10 === 0) this.logger.warn({ err: error, eventId, attempt }, 'transient failure; retrying');
    await sleep(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
    await context.heartbeat().catch(() => undefined);
  }

  private async handleChunk(definition: ConsumerDefinition, topic: string, items: Decoded[], manager: EntityManager): Promise<Outcome[]> {
    const { groupId } = definition;
    const rows = await queryRows<{ fresh: string | null; subject: string | null; last_sequence: string | null }>(
      manager,
      MARK_SEEN_AND_LOCK_SQL,
      [
        groupId,
        topic,
        items[0].message.partition,
        items.map((i) => i.event.id),
        items.map((i) => i.message.offset),
        [...new Set(items.map((i) => i.event.subject))],
      ],
    );
    const fresh = new Set<string>();
    const last = new Map<string, number>();
    for (const row of rows) {
      if (row.fresh !== null) fresh.add(row.fresh);
      else last.set(row.subject!, Number(row.last_sequence));
    }
    const advanced = new Set<string>();
    const anomalies: Anomaly[] = [];
    const outcomes: Outcome[] = [];
    const batch: HandledEvent[] = [];
    for (const { event, consumed } of items) {
      if (!fresh.has(event.id)) {
        outcomes.push('duplicate');
        continue;
      }
      fresh.delete(event.id); // the same event twice within one chunk counts once
      const expected = (last.get(event.subject) ?? 0) + 1;
      if (event.sequence < expected) {
        // An older event after a newer one: applying it would overwrite newer facts.
        anomalies.push({ event, kind: 'out-of-order', expected });
        outcomes.push('out-of-order');
        continue;
      }
      const gap = event.sequence > expected;
      if (gap) anomalies.push({ event, kind: 'gap', expected });
      last.set(event.subject, event.sequence);
      advanced.add(event.subject);
      if (!consumed) {
        outcomes.push('skipped');
        continue;
      }
      const handled: HandledEvent = { ...event, sequenceStatus: gap ? 'gap' : 'in-order' };
      if ('handlers' in definition) await (definition.handlers[event.type] as EventHandler)(handled, manager);
      else batch.push(handled);
      outcomes.push('handled');
    }
    if ('handleBatch' in definition && batch.length > 0) await (definition.handleBatch as BatchEventHandler)(batch, manager);
    if (advanced.size > 0) {
      const subjects = [...advanced];
      await manager.query(SAVE_SEQUENCES_SQL, [groupId, topic, subjects, subjects.map((subject) => last.get(subject))]);
    }
    if (anomalies.length > 0) await this.recordAnomalies(manager, groupId, topic, anomalies);
    return outcomes;
  }

  private async recordAnomalies(manager: EntityManager, groupId: string, topic: string, anomalies: Anomaly[]) {
    for (const { event, kind, expected } of anomalies) {
      messagingMetrics.sequenceAnomalies.inc({ topic, kind });
      this.logger.warn(
        { topic, subject: event.subject, eventId: event.id, expected, received: event.sequence, kind },
        'sequence anomaly in event stream',
      );
    }
    await manager.query(RECORD_ANOMALIES_SQL, [
      groupId,
      topic,
      anomalies.map((a) => a.event.subject),
      anomalies.map((a) => a.event.id),
      anomalies.map((a) => a.kind),
      anomalies.map((a) => a.expected),
      anomalies.map((a) => a.event.sequence),
    ]);
  }

  /** `topic` is the base name (TOPICS); the message's own topic carries the deployment's prefix. */
  private async deadLetter(
    groupId: string,
    topic: string,
    message: IncomingMessage,
    error: unknown,
    attempts: number,
    context: MessageContext,
  ): Promise<void> {
    const reason = error instanceof Error ? error : new Error(String(error));
    const letter: NewDeadLetter = {
      consumerGroup: groupId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      eventId: message.headers[CE_HEADERS.id] ?? null,
      eventType: message.headers[CE_HEADERS.type] ?? null,
      subject: message.headers[CE_HEADERS.subject] ?? message.key ?? null,
      clinical: isClinicalTopic(topic),
      errorType: reason.name,
      errorMessage: reason.message.slice(0, 2000),
      attempts,
    };
    messagingMetrics.deadLetters.inc({ topic, consumer_group: groupId, clinical: String(letter.clinical) });
    const { consumerGroup, eventId, eventType, subject, clinical, partition, offset } = letter;
    this.logger.error(
      { err: reason, topic: message.topic, partition, offset, attempts, consumerGroup, eventId, eventType, subject, clinical },
      clinical ? 'clinical event dead-lettered: a woman may be missed' : 'poison message sent to dead-letter topic',
    );
    await this.recordDeadLetter(letter, context);
    // Throws if the broker is down: the message is then redelivered, not lost.
    await this.bus.publish([
      {
        topic: deadLetterTopic(message.topic),
        key: message.key ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...message.headers,
          dlt_error_type: reason.name,
          dlt_error_message: reason.message.slice(0, 2000),
          dlt_original_topic: message.topic,
          dlt_original_partition: String(message.partition),
          dlt_original_offset: message.offset,
          dlt_consumer_group: groupId,
          dlt_attempts: String(attempts),
          dlt_failed_at: new Date().toISOString(),
        },
      },
    ]);
  }

  /**
   * The row and the alarm's notice in one transaction, retried through a database outage. Any other failure is
   * logged and the message still goes to the dead-letter topic: the bookkeeping must never hold the partition.
   */
  private async recordDeadLetter(letter: NewDeadLetter, context: MessageContext): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.transactions.run(async (manager) => {
          const recorded = await this.deadLetters.record(manager, letter);
          if (recorded?.clinical && this.alarm) await this.alarm.raise(manager, recorded);
        });
        return;
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          await this.backOffTransient(error, attempt, letter.eventId ?? '', context);
          continue;
        }
        this.logger.error({ err: error, ...letter }, 'dead letter could not be recorded: no notice was sent');
        return;
      }
    }
  }
}
