export interface MessagingConfig {
  /** CloudEvents `source` of everything this service publishes, e.g. "siaga/registration". */
  source: string;
  brokers: string[];
  clientId: string;
  /** Prepended to every topic name: lets test runs and tenants share one broker without colliding. */
  topicPrefix: string;
  /**
   * Partitions of the topics this service creates: the most instances of one consumer group that share the work.
   * 3 by default, for one regency on one server: with 6, a partition's chunk under load held half as many events,
   * and the pipeline cost 13-20 % more CPU per visit (system bench at 200 visits/s). A province sets more.
   */
  topicPartitions: number;
  /** Poll of the outbox for events committed by other processes (this process's commits wake the relay at once). */
  outboxPollMs: number;
  outboxBatchSize: number;
  consumerMaxAttempts: number;
  /** Events of one partition handled in one inbox transaction (fewer round trips under load). */
  consumerBatchSize: number;
  /**
   * Consumed offsets are committed at most this often, not after every chunk (a broker round trip each); the inbox
   * drops what a crash makes the broker deliver again.
   */
  consumerCommitIntervalMs: number;
  /** After a commit that appended events, wait this long so one relay round carries several transactions' events. */
  outboxWakeDelayMs: number;
  /**
   * Check each outgoing event against its contract before it is written (a producer bug fails its own
   * transaction). On in tests, where it catches contract drift before it ships; off by default at run
   * time, where the code is typed, consumers check every event anyway, and the check of a large event
   * (an assessment with all its factors) cost a third of risk scoring's CPU.
   */
  validateOutgoing: boolean;
}

export function messagingConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  return {
    source: `siaga/${service}`,
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
    clientId: env.KAFKA_CLIENT_ID ?? `siaga-${service}`,
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    topicPartitions: Number(env.KAFKA_TOPIC_PARTITIONS ?? 3),
    outboxPollMs: Number(env.OUTBOX_POLL_MS ?? 1000),
    outboxBatchSize: Number(env.OUTBOX_BATCH_SIZE ?? 500),
    consumerMaxAttempts: Number(env.CONSUMER_MAX_ATTEMPTS ?? 5),
    consumerBatchSize: Number(env.CONSUMER_BATCH_SIZE ?? 100),
    consumerCommitIntervalMs: Number(env.CONSUMER_COMMIT_INTERVAL_MS ?? 1000),
    outboxWakeDelayMs: Number(env.OUTBOX_WAKE_DELAY_MS ?? 5),
    validateOutgoing: env.OUTBOX_VALIDATE === 'true',
  };
}

export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');

export const resolveTopic = (config: Pick<MessagingConfig, 'topicPrefix'>, topic: string): string => `${config.topicPrefix}${topic}`;
