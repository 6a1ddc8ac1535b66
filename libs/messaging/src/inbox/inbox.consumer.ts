import { InvalidEventError, deadLetterTopic, validateEventData, type EventEnvelope } from '@siaga/contracts';
import { isTransientDatabaseError, type TransactionContext } from '@siaga/persistence';
import type { EntityManager } from 'typeorm';
import { MalformedEventError, fromMessage } from '../bus/cloud-events';
import type { IncomingMessage, MessageBus, MessageContext, Subscription } from '../bus/message-bus';
import type { Logger } from '@siaga/observability';
import { resolveTopic, type MessagingConfig } from '../messaging-config';
import { messagingMetrics } from '../messaging.metrics';
import { PermanentEventError, type ConsumerDefinition, type EventHandler } from './event-handler';

const MARK_SEEN_SQL = `
INSERT INTO inbox (consumer_group, event_id, topic, partition, "offset") VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING RETURNING event_id`;

const ADVANCE_SEQUENCE_SQL = `
WITH previous AS (
  SELECT last_sequence FROM inbox_sequence
  WHERE consumer_group = $1 AND topic = $2 AND subject = $3 FOR UPDATE
), advanced AS (
  INSERT INTO inbox_sequence (consumer_group, topic, subject, last_sequence) VALUES ($1, $2, $3, $4)
  ON CONFLICT (consumer_group, topic, subject)
  DO UPDATE SET last_sequence = GREATEST(inbox_sequence.last_sequence, EXCLUDED.last_sequence)
)
SELECT COALESCE((SELECT last_sequence FROM previous), 0) AS previous`;

const RECORD_ANOMALY_SQL = `
INSERT INTO sequence_anomaly (consumer_group, topic, subject, event_id, kind, expected_sequence, received_sequence)
VALUES ($1, $2, $3, $4, $5, $6, $7)`;

type Outcome = 'handled' | 'duplicate' | 'out-of-order' | 'skipped';

const isPermanent = (error: unknown): boolean =>
  error instanceof InvalidEventError || error instanceof MalformedEventError || error instanceof PermanentEventError;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At-least-once delivery made effectively-once: each event is handled in one transaction with its
 * inbox row, so a redelivery changes nothing. Transient failures (database down) are retried with
 * backoff for as long as it takes; anything else is retried a few times, then the message goes to
 * `<topic>.dlt` with the error in its headers and the partition moves on.
 */
export class InboxConsumer {
  constructor(
    private readonly bus: MessageBus,
    private readonly transactions: TransactionContext,
    private readonly config: MessagingConfig,
    private readonly logger: Logger,
  ) {}

  async start(definition: ConsumerDefinition): Promise<Subscription> {
    const topics = definition.topics.map((t) => resolveTopic(this.config, t));
    const baseTopicOf = new Map(definition.topics.map((t) => [resolveTopic(this.config, t), t]));
    await this.bus.ensureTopics([...topics, ...topics.map(deadLetterTopic)], this.config.topicPartitions);
    return this.bus.subscribe(
      { groupId: `${this.config.topicPrefix}${definition.groupId}`, topics, fromBeginning: true, concurrency: definition.concurrency ?? 3 },
      (message, context) => this.process(definition, baseTopicOf.get(message.topic) ?? message.topic, message, context),
    );
  }

  private async process(
    definition: ConsumerDefinition,
    baseTopic: string,
    message: IncomingMessage,
    context: MessageContext,
  ): Promise<void> {
    let envelope: EventEnvelope;
    let handler: EventHandler | undefined;
    try {
      envelope = fromMessage(message);
      handler = definition.handlers[envelope.type] as EventHandler | undefined;
      if (handler) envelope = { ...envelope, data: validateEventData(envelope.type, envelope.data) };
    } catch (error) {
      await this.deadLetter(definition.groupId, message, error, 0);
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.transactions.run((manager) =>
          this.handleOnce(definition.groupId, baseTopic, message, envelope, handler, manager),
        );
        messagingMetrics.consumed.inc({ topic: baseTopic, outcome });
        return;
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          if (attempt === 1 || attempt % 10 === 0) {
            this.logger.warn({ err: error, eventId: envelope.id, attempt }, 'transient failure; retrying event');
          }
          await sleep(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
          await context.heartbeat().catch(() => undefined);
          continue;
        }
        if (isPermanent(error) || attempt >= this.config.consumerMaxAttempts) {
          await this.deadLetter(definition.groupId, message, error, attempt);
          return;
        }
        this.logger.warn({ err: error, eventId: envelope.id, attempt }, 'event handler failed; retrying');
        await sleep(100 * 2 ** attempt);
        await context.heartbeat().catch(() => undefined);
      }
    }
  }

  private async handleOnce(
    groupId: string,
    topic: string,
    message: IncomingMessage,
    event: EventEnvelope,
    handler: EventHandler | undefined,
    manager: EntityManager,
  ): Promise<Outcome> {
    const fresh: unknown[] = await manager.query(MARK_SEEN_SQL, [groupId, event.id, topic, message.partition, message.offset]);
    if (fresh.length === 0) return 'duplicate';
    const [{ previous }]: { previous: number }[] = await manager.query(ADVANCE_SEQUENCE_SQL, [
      groupId,
      topic,
      event.subject,
      event.sequence,
    ]);
    const expected = Number(previous) + 1;
    if (event.sequence < expected) {
      // An older event after a newer one: applying it would overwrite newer facts.
      await this.recordAnomaly(manager, groupId, topic, event, 'out-of-order', expected);
      return 'out-of-order';
    }
    const gap = event.sequence > expected;
    if (gap) await this.recordAnomaly(manager, groupId, topic, event, 'gap', expected);
    if (!handler) return 'skipped';
    await handler({ ...event, sequenceStatus: gap ? 'gap' : 'in-order' }, manager);
    return 'handled';
  }

  private async recordAnomaly(
    manager: EntityManager,
    groupId: string,
    topic: string,
    event: EventEnvelope,
    kind: 'gap' | 'out-of-order',
    expected: number,
  ): Promise<void> {
    messagingMetrics.sequenceAnomalies.inc({ topic, kind });
    this.logger.warn(
      { topic, subject: event.subject, eventId: event.id, expected, received: event.sequence, kind },
      'sequence anomaly in event stream',
    );
    await manager.query(RECORD_ANOMALY_SQL, [groupId, topic, event.subject, event.id, kind, expected, event.sequence]);
  }

  private async deadLetter(groupId: string, message: IncomingMessage, error: unknown, attempts: number): Promise<void> {
    const reason = error instanceof Error ? error : new Error(String(error));
    messagingMetrics.deadLettered.inc({ topic: message.topic });
    this.logger.error(
      { err: reason, topic: message.topic, partition: message.partition, offset: message.offset, attempts },
      'poison message sent to dead-letter topic',
    );
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
}
