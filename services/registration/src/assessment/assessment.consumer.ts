import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type PregnancyAssessedV1 } from '@siaga/contracts';
import { MessagingLifecycle, type HandledEvent } from '@siaga/messaging';
import { PregnancyRepository, type LatestRisk } from '@registration/pregnancy/pregnancy.repository';

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
    const latest = new Map<string, LatestRisk>();
    for (const { data: a } of events) {
      latest.set(a.pregnancyId, {
        pregnancyId: a.pregnancyId,
        category: a.category,
        score: a.score,
        hasEmergency: a.emergencies.length > 0,
        assessedAt: new Date(a.assessedAt),
      });
    }
    await this.pregnancies.applyLatestRisks([...latest.values()]);
  }
}
