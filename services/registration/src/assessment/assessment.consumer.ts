import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type PregnancyAssessedV1 } from '@siaga/contracts';
import { MessagingLifecycle, type HandledEvent } from '@siaga/messaging';
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
      handlers: { [EVENTS.pregnancyAssessed.type]: (event: HandledEvent<PregnancyAssessedV1>) => this.onAssessed(event) },
    });
  }

  async onAssessed(event: HandledEvent<PregnancyAssessedV1>): Promise<void> {
    const a = event.data;
    const pregnancy = await this.pregnancies.findById(a.pregnancyId);
    if (!pregnancy) return; // not ours to track (e.g. a preview); nothing to update
    Object.assign(pregnancy, {
      riskCategory: a.category,
      riskScore: a.score,
      hasEmergency: a.emergencies.length > 0,
      assessedAt: new Date(a.assessedAt),
    });
    await this.pregnancies.savePregnancy(pregnancy);
  }
}
