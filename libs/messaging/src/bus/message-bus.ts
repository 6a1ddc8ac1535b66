/**
 * Our seam over the broker client: services and the outbox/inbox depend on this, never on kafkajs,
 * so the client can be swapped (or the broker replaced) in one place.
 */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface MessageContext {
  /** Keeps the group membership alive during a long handler (retries with backoff). */
  heartbeat(): Promise<void>;
}

/**
 * Receives consecutive messages of one partition, in order. When it resolves, all of them count as
 * consumed; when it throws, none does and they are delivered again.
 */
export type MessageHandler = (messages: IncomingMessage[], context: MessageContext) => Promise<void>;

export interface SubscriptionOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  /** Partitions handled at once; one partition's messages are always handled in order. */
  concurrency: number;
  /** Most messages handed to the handler at once (one database transaction in the inbox). */
  maxBatchSize: number;
  /** Handled offsets are committed at most this often; a restart may deliver that much again. */
  commitIntervalMs: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

export abstract class MessageBus {
  /** Sends with acks from all in-sync replicas; messages of one key keep their order. */
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
  abstract subscribe(options: SubscriptionOptions, handler: MessageHandler): Promise<Subscription>;
  abstract ensureTopics(topics: string[], partitions: number): Promise<void>;
  /** Throws when the broker cannot be reached (readiness). */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
