import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type PregnancyAssessedV1 } from '@siaga/contracts';
import { MESSAGING_CONFIG, MessagingLifecycle, PermanentEventError, type HandledEvent, type MessagingConfig } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { AlertService } from '@alerts/alert/alert.service';

export const ASSESSMENT_GROUP = 'alerts.assessments';

/**
 * Kafka adapter: every assessment from risk scoring may raise or update an alert. Runs in the inbox
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
      handlers: { [EVENTS.pregnancyAssessed.type]: (e: HandledEvent<PregnancyAssessedV1>) => this.onAssessed(e) },
    });
  }

  async onAssessed(event: HandledEvent<PregnancyAssessedV1>): Promise<void> {
    if (event.subject !== event.data.pregnancyId) {
      throw new PermanentEventError(`subject ${event.subject} does not match pregnancy ${event.data.pregnancyId} in the data`);
    }
    const result = await this.alerts.onAssessed(event.data);
    if (result === 'raised' || result === 'updated' || result === 'waiting-for-pregnancy') {
      this.logger.info(
        { pregnancyId: event.data.pregnancyId, assessmentId: event.data.assessmentId, result },
        'assessment applied to alerts',
      );
    }
  }
}
