import type { EventEnvelope } from '@siaga/contracts';
import type { EntityManager } from 'typeorm';

export type SequenceStatus = 'in-order' | 'gap';

export interface HandledEvent<T = unknown> extends EventEnvelope<T> {
  /** 'gap': events before this one in the subject's stream never arrived here; recorded as an anomaly. */
  sequenceStatus: SequenceStatus;
}

/** Runs inside the inbox transaction: its writes commit together with the "seen" mark, or not at all. */
export type EventHandler<T = unknown> = (event: HandledEvent<T>, manager: EntityManager) => Promise<void>;

export interface ConsumerDefinition {
  /** Consumer group, one per service and purpose, e.g. "registration.assessments". */
  groupId: string;
  /** Base topic names (from TOPICS); the configured prefix is applied. */
  topics: string[];
  /** Handlers by CloudEvents type. Other types on the topics are recorded as seen and skipped. */
  handlers: Record<string, EventHandler<never>>;
  concurrency?: number;
}

/** Thrown by a handler for an event that can never succeed: it goes to the dead-letter topic at once. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}
