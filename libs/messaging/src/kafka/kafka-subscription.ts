import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import type { Logger } from '@siaga/observability';
import type { IncomingMessage, MessageHandler, Subscription, SubscriptionOptions } from '../bus/message-bus';
import { OffsetCommitter } from './offset-committer';

const headerValues = (headers: IHeaders | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
};

/**
 * One consumer group membership that does not die. kafkajs restarts a crashed consumer only when the
 * error is retriable; after a broker restart it can crash on a non-retriable one (group coordinator
 * not found, a commit from a stale generation) and then stays stopped for good, silently. Here such a
 * consumer is thrown away and a new one joins, with backoff, until the subscription is stopped.
 */
export class KafkaSubscription implements Subscription {
  private consumer?: Consumer;
  private committer?: OffsetCommitter;
  private stopped = false;
  private replacements = 0;
  private replaceTimer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SubscriptionOptions,
    private readonly handler: MessageHandler,
    private readonly logger: Logger,
  ) {}

  /** Joins the group; throws when the broker cannot be reached (the caller decides when to try again). */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      // A member that vanished (kill -9) or a join the broker still holds as pending (KIP-394) stalls the group's
      // rebalance until its session times out, or until the rebalance timeout: both are kept short (kafkajs
      // defaults 30 s and 60 s). A chunk takes well under a second and heartbeats go out every 3 s, also while a
      // chunk waits out a database outage; a member that misses a rebalance meanwhile rejoins after it, and the
      // inbox drops what is redelivered.
      sessionTimeout: 15000,
      rebalanceTimeout: 20000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    const committer = new OffsetCommitter(
      (offsets) => consumer.commitOffsets(offsets),
      this.options.commitIntervalMs,
      (error) => this.logger.warn({ err: error, groupId: this.options.groupId }, 'offset commit failed; the inbox drops what comes again'),
    );
    this.committer = committer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.replace(consumer, payload.error);
    });
    consumer.on(consumer.events.REBALANCING, () => void committer.commitNow());
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.replacements = 0;
      committer.forget();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency,
      eachBatchAutoResolve: false,
      // kafkajs would commit after every batch: the committer does it once per interval.
      autoCommit: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const messages: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key ? message.key.toString('utf8') : null,
          value: message.value,
          headers: headerValues(message.headers),
        }));
        for (let start = 0; start < messages.length; start += this.options.maxBatchSize) {
          if (!payload.isRunning() || payload.isStale()) return;
          const chunk = messages.slice(start, start + this.options.maxBatchSize);
          await this.handler(chunk, { heartbeat: () => payload.heartbeat() });
          const last = chunk[chunk.length - 1].offset;
          payload.resolveOffset(last);
          committer.handled(batch.topic, batch.partition, last);
          await payload.heartbeat();
          // Stopping: commit before the group is left, so a restart does not read this again.
          if (!payload.isRunning()) await committer.commitNow();
          else await committer.commitIfDue();
        }
      },
    });
    committer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.replaceTimer);
    this.committer?.stop();
    // What an idle member handled last; a chunk still running commits its own once it sees the stop.
    await this.committer?.commitNow();
    await this.consumer?.disconnect();
  }

  private replace(crashed: Consumer, error: Error): void {
    if (this.stopped || this.consumer !== crashed) return;
    this.replacements += 1;
    const delayMs = Math.min(30_000, 500 * 2 ** Math.min(this.replacements - 1, 6));
    this.logger.error(
      { err: error, groupId: this.options.groupId, delayMs, replacements: this.replacements },
      'consumer stopped on a non-retriable error; a new one joins the group',
    );
    this.replaceTimer = setTimeout(() => void this.restart(crashed), delayMs);
  }

  private async restart(crashed: Consumer): Promise<void> {
    this.committer?.stop();
    await crashed.disconnect().catch(() => undefined);
    if (this.stopped) return;
    try {
      await this.start();
    } catch (error) {
      this.replace(this.consumer!, error instanceof Error ? error : new Error(String(error)));
    }
  }
}
