import type { EventEnvelope } from '@siaga/contracts';
import type { EntityManager } from 'typeorm';

export type SequenceStatus = 'in-order' | 'gap';

export interface HandledEvent<T = unknown> extends EventEnvelope<T> {
  /** 'gap': events before this one in the subject's stream never arrived here; recorded as an anomaly. */
  sequenceStatus: SequenceStatus;
}

/** Runs inside the inbox transaction: its writes commit together with the "seen" mark, or not at all. */
export type EventHandler<T = unknown> = (event: HandledEvent<T>, manager: EntityManager) => Promise<void>;

/**
 * Receives, at once, the events of a chunk that passed the inbox (new, not older than what was applied),
 * in stream order, inside the inbox transaction. Lets a consumer write a chunk in a few statements
 * instead of a few per event. Throwing fails them all; the inbox then replays them one at a time.
 */
export type BatchEventHandler<T = unknown> = (events: readonly HandledEvent<T>[], manager: EntityManager) => Promise<void>;

interface ConsumerBase {
  /** Consumer group, one per service and purpose, e.g. "registration.assessments". */
  groupId: string;
  /** Base topic names (from TOPICS); the configured prefix is applied. */
  topics: string[];
  concurrency?: number;
}

export interface EventConsumerDefinition extends ConsumerBase {
  /** Handlers by CloudEvents type. Other types on the topics are recorded as seen and skipped. */
  handlers: Record<string, EventHandler<never>>;
}

export interface BatchConsumerDefinition extends ConsumerBase {
  /** CloudEvents types consumed (their data is validated). Other types on the topics are recorded as seen and skipped. */
  types: readonly string[];
  handleBatch: BatchEventHandler<never>;
}

export type ConsumerDefinition = EventConsumerDefinition | BatchConsumerDefinition;

/** Thrown by a handler for an event that can never succeed: it goes to the dead-letter topic at once. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

/**
 * The subject keys the partition and the inbox's sequence check; an event whose data is about another
 * pregnancy would corrupt both, and retrying cannot help: it goes to the dead-letter topic.
 */
export function assertSubject(event: Pick<HandledEvent, 'subject'>, pregnancyId: string): void {
  if (event.subject !== pregnancyId) {
    throw new PermanentEventError(`subject ${event.subject} does not match pregnancy ${pregnancyId} in the data`);
  }
}

/** The last event of each subject in a chunk (a projection that keeps only the latest state needs no more). */
export function lastPerSubject<T>(events: readonly HandledEvent<T>[]): HandledEvent<T>[] {
  return [...new Map(events.map((event) => [event.subject, event])).values()];
}
