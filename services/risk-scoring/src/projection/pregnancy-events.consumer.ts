import { Inject, Injectable } from '@nestjs/common';
import {
  EVENTS,
  TOPICS,
  type PregnancyClosedV1,
  type PregnancyRegisteredV1,
  type PregnancyUpdatedV1,
  type VisitRecordedV1,
} from '@siaga/contracts';
import {
  MESSAGING_CONFIG,
  MessagingLifecycle,
  PermanentEventError,
  assertSubject,
  type HandledEvent,
  type MessagingConfig,
} from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import type { FactChange } from './pregnancy-facts';
import { PregnancyFactsService, type FactToApply } from './pregnancy-facts.service';

export const PREGNANCY_FACTS_GROUP = 'risk-scoring.pregnancy-facts';

/**
 * Kafka adapter: registration's pregnancy events become facts, and each applied fact a new assessment.
 * Runs inside the inbox transaction, which already drops redeliveries (inbox) and events older than the
 * last one applied for the pregnancy (per-subject sequence check).
 */
@Injectable()
export class PregnancyEventsConsumer {
  private readonly logger: Logger;

  constructor(
    messaging: MessagingLifecycle,
    @Inject(MESSAGING_CONFIG) config: MessagingConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly facts: PregnancyFactsService,
  ) {
    this.logger = logger.child({ component: 'pregnancy-events' });
    messaging.register({
      groupId: PREGNANCY_FACTS_GROUP,
      topics: [TOPICS.pregnancy],
      // One pregnancy's events stay in one partition, handled in order; partitions run side by side.
      concurrency: config.topicPartitions,
      types: CONSUMED_TYPES,
      handleBatch: (events) => this.applyAll(events),
    });
  }

  /** A chunk of one partition's events, in stream order: applied and assessed in a few statements. */
  async applyAll(events: readonly HandledEvent[]): Promise<void> {
    const facts = events.map(toFact);
    const results = await this.facts.applyMany(facts).catch((error: unknown) => {
      // The contracts take calendar dates only (IsCalendarDate), so this is a safety net: facts the engine cannot read.
      // Retrying cannot help: straight to the dead-letter topic, which raises the alarm (the transaction rolls back,
      // nothing is half-applied; in a chunk of several, the inbox replays them one at a time and only this one goes).
      if (error instanceof RangeError) throw new PermanentEventError(`facts the rules cannot read: ${error.message}`);
      throw error;
    });
    results.forEach((result, i) => {
      const event = events[i];
      if (result === 'awaiting-snapshot' || event.sequenceStatus === 'gap') {
        this.logger.warn(
          { eventId: event.id, pregnancyId: facts[i].pregnancyId, sequence: event.sequence, result },
          'fact applied without the full stream',
        );
      }
    });
  }
}

const CONSUMED_TYPES = [
  EVENTS.pregnancyRegistered.type,
  EVENTS.pregnancyUpdated.type,
  EVENTS.visitRecorded.type,
  EVENTS.pregnancyClosed.type,
];

/** The fact an event adds (its data was validated against its contract by the inbox). */
function toFact(event: HandledEvent): FactToApply {
  const change = toChange(event);
  const pregnancyId = change.kind === 'snapshot' ? change.snapshot.pregnancyId : pregnancyIdOf(event);
  assertSubject(event, pregnancyId);
  return {
    pregnancyId,
    change,
    causedBy: { eventId: event.id, eventType: event.type, sequence: event.sequence },
    asOf: asOfEventTime(event.time),
  };
}

function toChange(event: HandledEvent): FactChange {
  const { sequence } = event;
  switch (event.type) {
    case EVENTS.pregnancyRegistered.type:
    case EVENTS.pregnancyUpdated.type:
      return { kind: 'snapshot', sequence, snapshot: (event.data as PregnancyRegisteredV1 | PregnancyUpdatedV1).pregnancy };
    case EVENTS.visitRecorded.type:
      return { kind: 'visit', sequence, visit: (event.data as VisitRecordedV1).visit };
    case EVENTS.pregnancyClosed.type: {
      const data = event.data as PregnancyClosedV1;
      return { kind: 'closed', sequence, outcome: data.outcome, closedAt: data.closedAt };
    }
    default:
      throw new PermanentEventError(`event type ${event.type} is not a registration fact`);
  }
}

const pregnancyIdOf = (event: HandledEvent): string => (event.data as VisitRecordedV1 | PregnancyClosedV1).pregnancyId;

/**
 * Assess as of the moment the fact was recorded, so a replay gives the same answer. Never later than now
 * (a producer's clock running ahead must not age the pregnancy); an unreadable time means now.
 */
export function asOfEventTime(time: string, now: Date = new Date()): Date {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) || parsed > now.getTime() ? now : new Date(parsed);
}
