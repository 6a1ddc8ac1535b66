import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type PregnancyAssessedV1 } from '@siaga/contracts';
import { MessagingLifecycle, lastPerSubject, type HandledEvent } from '@siaga/messaging';
import { PregnancyRepository } from '@registration/pregnancy/pregnancy.repository';

/** Kafka adapter: keeps the caseload's risk category in step with risk scoring's latest assessment. */
@Injectable()
export class AssessmentConsumer {
  constructor(
    messaging: MessagingLifecycle,
    private readonly pregnancies: PregnancyRepository,
  ) {
    messaging.register({
      groupId: 'registration.assessments',
      topics: [TOPICS.assessment],
      types: [EVENTS.pregnancyAssessed.type],
      handleBatch: (events: readonly HandledEvent<PregnancyAssessedV1>[]) => this.onAssessed(events),
    });
  }

  /** A chunk in stream order: only each pregnancy's last assessment in it matters to the caseload. */
  async onAssessed(events: readonly HandledEvent<PregnancyAssessedV1>[]): Promise<void> {
    await this.pregnancies.applyLatestRisks(
      lastPerSubject(events).map(({ data: a }) => ({
        pregnancyId: a.pregnancyId,
        category: a.category,
        score: a.score,
        hasEmergency: a.emergencies.length > 0,
        assessedAt: new Date(a.assessedAt),
      })),
    );
  }
}
