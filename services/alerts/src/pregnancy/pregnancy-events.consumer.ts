import { Inject, Injectable } from '@nestjs/common';
import {
  EVENTS,
  TOPICS,
  type PregnancyClosedV1,
  type PregnancyRegisteredV1,
  type PregnancyUpdatedV1,
  type VisitRecordedV1,
} from '@siaga/contracts';
import { MESSAGING_CONFIG, MessagingLifecycle, assertSubject, type HandledEvent, type MessagingConfig } from '@siaga/messaging';
import { PregnancySummaryService } from './pregnancy-summary.service';

export const PREGNANCY_SUMMARY_GROUP = 'alerts.pregnancies';

/**
 * Kafka adapter: registration's pregnancy events keep the summary a doctor reads (name, village, HPHT, midwife,
 * health center, last visit), route alerts that waited for her, and close her alerts when the pregnancy ends.
 */
@Injectable()
export class PregnancyEventsConsumer {
  constructor(
    messaging: MessagingLifecycle,
    @Inject(MESSAGING_CONFIG) config: MessagingConfig,
    private readonly summaries: PregnancySummaryService,
  ) {
    messaging.register({
      groupId: PREGNANCY_SUMMARY_GROUP,
      topics: [TOPICS.pregnancy],
      concurrency: config.topicPartitions,
      types: [EVENTS.pregnancyRegistered.type, EVENTS.pregnancyUpdated.type, EVENTS.visitRecorded.type, EVENTS.pregnancyClosed.type],
      handleBatch: (events: readonly HandledEvent[]) => this.apply(events),
    });
  }

  /**
   * Snapshots and closures one at a time, in stream order. A visit only moves her last visit date forward, so
   * the chunk's visits go in one statement at the end, whatever their order among the rest.
   */
  private async apply(events: readonly HandledEvent[]): Promise<void> {
    const visits: { pregnancyId: string; visitDate: string }[] = [];
    for (const event of events) {
      switch (event.type) {
        case EVENTS.pregnancyRegistered.type:
        case EVENTS.pregnancyUpdated.type: {
          const { pregnancy } = event.data as PregnancyRegisteredV1 | PregnancyUpdatedV1;
          assertSubject(event, pregnancy.pregnancyId);
          await this.summaries.applySnapshot(pregnancy, event.sequence);
          break;
        }
        case EVENTS.visitRecorded.type: {
          const { pregnancyId, visit } = event.data as VisitRecordedV1;
          assertSubject(event, pregnancyId);
          visits.push({ pregnancyId, visitDate: visit.visitDate });
          break;
        }
        case EVENTS.pregnancyClosed.type: {
          const { pregnancyId, outcome, closedAt } = event.data as PregnancyClosedV1;
          assertSubject(event, pregnancyId);
          await this.summaries.applyClosed(pregnancyId, outcome, closedAt);
          break;
        }
      }
    }
    await this.summaries.applyVisits(visits);
  }
}
