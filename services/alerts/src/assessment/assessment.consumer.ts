import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type PregnancyAssessedV1 } from '@siaga/contracts';
import { MESSAGING_CONFIG, MessagingLifecycle, assertSubject, type HandledEvent, type MessagingConfig } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { AlertService } from '@alerts/alert/alert.service';

export const ASSESSMENT_GROUP = 'alerts.assessments';

/**
 * Kafka adapter: every assessment from risk scoring may raise or update an alert. Runs a chunk at once in the inbox
 * transaction, which drops redeliveries (event id) and older assessments of a pregnancy (sequence check).
 */
@Injectable()
export class AssessmentConsumer {
  private readonly logger: Logger;

  constructor(
    messaging: MessagingLifecycle,
    @Inject(MESSAGING_CONFIG) config: MessagingConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly alerts: AlertService,
  ) {
    this.logger = logger.child({ component: 'assessments' });
    messaging.register({
      groupId: ASSESSMENT_GROUP,
      topics: [TOPICS.assessment],
      concurrency: config.topicPartitions,
      types: [EVENTS.pregnancyAssessed.type],
      handleBatch: (events: readonly HandledEvent<PregnancyAssessedV1>[]) => this.onAssessed(events),
    });
  }

  async onAssessed(events: readonly HandledEvent<PregnancyAssessedV1>[]): Promise<void> {
    for (const event of events) assertSubject(event, event.data.pregnancyId);
    const results = await this.alerts.onAssessed(events.map((e) => e.data));
    results.forEach((result, i) => {
      if (result === 'raised' || result === 'updated' || result === 'waiting-for-pregnancy') {
        const { pregnancyId, assessmentId } = events[i].data;
        this.logger.info({ pregnancyId, assessmentId, result }, 'assessment applied to alerts');
      }
    });
  }
}
