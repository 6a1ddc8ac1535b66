import { Inject, Injectable } from '@nestjs/common';
import {
  EVENTS,
  TOPICS,
  type PregnancyClosedV1,
  type PregnancyRegisteredV1,
  type PregnancyUpdatedV1,
  type VisitRecordedV1,
} from '@siaga/contracts';
import { MESSAGING_CONFIG, MessagingLifecycle, PermanentEventError, type HandledEvent, type MessagingConfig } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import type { FactChange } from './pregnancy-facts';
import { PregnancyFactsService } from './pregnancy-facts.service';

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
      handlers: {
        [EVENTS.pregnancyRegistered.type]: (e: HandledEvent<PregnancyRegisteredV1>) =>
          this.apply(e, e.data.pregnancy.pregnancyId, { kind: 'snapshot', sequence: e.sequence, snapshot: e.data.pregnancy }),
        [EVENTS.pregnancyUpdated.type]: (e: HandledEvent<PregnancyUpdatedV1>) =>
          this.apply(e, e.data.pregnancy.pregnancyId, { kind: 'snapshot', sequence: e.sequence, snapshot: e.data.pregnancy }),
        [EVENTS.visitRecorded.type]: (e: HandledEvent<VisitRecordedV1>) =>
          this.apply(e, e.data.pregnancyId, { kind: 'visit', sequence: e.sequence, visit: e.data.visit }),
        [EVENTS.pregnancyClosed.type]: (e: HandledEvent<PregnancyClosedV1>) =>
          this.apply(e, e.data.pregnancyId, { kind: 'closed', sequence: e.sequence, outcome: e.data.outcome, closedAt: e.data.closedAt }),
      },
    });
  }

  async apply(event: HandledEvent<unknown>, pregnancyId: string, change: FactChange): Promise<void> {
    // The subject keys the partition and the sequence check; data about another pregnancy would corrupt both.
    if (event.subject !== pregnancyId) {
      throw new PermanentEventError(`subject ${event.subject} does not match pregnancy ${pregnancyId} in the data`);
    }
    const result = await this.facts
      .apply(pregnancyId, change, { eventId: event.id, eventType: event.type, sequence: event.sequence }, asOfEventTime(event.time))
      .catch((error: unknown) => {
        // The engine reads 'YYYY-MM-DD' dates; the contract's ISO 8601 check also lets '2026-005' or '2026-W02' through.
        // Retrying cannot help: straight to the dead-letter topic (the transaction rolls back, nothing is half-applied).
        if (error instanceof RangeError) throw new PermanentEventError(`facts the rules cannot read: ${error.message}`);
        throw error;
      });
    if (result === 'awaiting-snapshot' || event.sequenceStatus === 'gap') {
      this.logger.warn({ eventId: event.id, pregnancyId, sequence: event.sequence, result }, 'fact applied without the full stream');
    }
  }
}

/**
 * Assess as of the moment the fact was recorded, so a replay gives the same answer. Never later than now
 * (a producer's clock running ahead must not age the pregnancy); an unreadable time means now.
 */
export function asOfEventTime(time: string, now: Date = new Date()): Date {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) || parsed > now.getTime() ? now : new Date(parsed);
}
