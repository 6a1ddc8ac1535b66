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
      handlers: {
        [EVENTS.pregnancyRegistered.type]: async (e: HandledEvent<PregnancyRegisteredV1>) => {
          assertSubject(e, e.data.pregnancy.pregnancyId);
          await this.summaries.applySnapshot(e.data.pregnancy, e.sequence);
        },
        [EVENTS.pregnancyUpdated.type]: async (e: HandledEvent<PregnancyUpdatedV1>) => {
          assertSubject(e, e.data.pregnancy.pregnancyId);
          await this.summaries.applySnapshot(e.data.pregnancy, e.sequence);
        },
        [EVENTS.visitRecorded.type]: async (e: HandledEvent<VisitRecordedV1>) => {
          assertSubject(e, e.data.pregnancyId);
          await this.summaries.applyVisit(e.data.pregnancyId, e.data.visit.visitDate);
        },
        [EVENTS.pregnancyClosed.type]: async (e: HandledEvent<PregnancyClosedV1>) => {
          assertSubject(e, e.data.pregnancyId);
          await this.summaries.applyClosed(e.data.pregnancyId, e.data.outcome, e.data.closedAt);
        },
      },
    });
  }
}
