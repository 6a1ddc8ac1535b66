import { Injectable } from '@nestjs/common';
import {
  EVENTS,
  TOPICS,
  type PregnancyAssessedV1,
  type PregnancyClosedV1,
  type PregnancyRegisteredV1,
  type PregnancyUpdatedV1,
} from '@siaga/contracts';
import { MessagingLifecycle, assertSubject, lastPerSubject, type HandledEvent } from '@siaga/messaging';
import { ReferralService } from '@referral/referral/referral.service';
import { PregnancyFactRepository } from './pregnancy-fact.repository';

export const PREGNANCY_GROUP = 'referral.pregnancies';
export const ASSESSMENT_GROUP = 'referral.assessments';

/**
 * Kafka adapters: registration's pregnancy events and risk scoring's assessments become this service's
 * picture of each pregnancy (village, health center, HPL, history, category), which routes referrals,
 * writes their history summary and drives the planned-referral job. Inside the inbox transaction.
 */
@Injectable()
export class PregnancyEventsConsumer {
  constructor(
    messaging: MessagingLifecycle,
    private readonly facts: PregnancyFactRepository,
    private readonly referrals: ReferralService,
  ) {
    messaging.register({
      groupId: PREGNANCY_GROUP,
      topics: [TOPICS.pregnancy],
      handlers: {
        [EVENTS.pregnancyRegistered.type]: (e: HandledEvent<PregnancyRegisteredV1>) => this.onSnapshot(e, e.data.pregnancy),
        [EVENTS.pregnancyUpdated.type]: (e: HandledEvent<PregnancyUpdatedV1>) => this.onSnapshot(e, e.data.pregnancy),
        [EVENTS.pregnancyClosed.type]: (e: HandledEvent<PregnancyClosedV1>) => this.onClosed(e),
      },
    });
    messaging.register({
      groupId: ASSESSMENT_GROUP,
      topics: [TOPICS.assessment],
      types: [EVENTS.pregnancyAssessed.type],
      handleBatch: (events: readonly HandledEvent<PregnancyAssessedV1>[]) => this.onAssessed(events),
    });
  }

  async onSnapshot(event: HandledEvent<unknown>, snapshot: PregnancyRegisteredV1['pregnancy']): Promise<void> {
    assertSubject(event, snapshot.pregnancyId);
    await this.facts.upsertSnapshot(snapshot);
  }

  async onClosed(event: HandledEvent<PregnancyClosedV1>): Promise<void> {
    assertSubject(event, event.data.pregnancyId);
    await this.facts.markClosed(event.data.pregnancyId);
    await this.referrals.cancelForClosedPregnancy(event.data.pregnancyId, event.data.outcome);
  }

  /** A chunk of assessments in one write: each woman's latest. */
  async onAssessed(events: readonly HandledEvent<PregnancyAssessedV1>[]): Promise<void> {
    for (const event of events) assertSubject(event, event.data.pregnancyId);
    await this.facts.applyAssessments(
      lastPerSubject(events).map(({ data: a }) => ({
        pregnancyId: a.pregnancyId,
        category: a.category,
        score: a.score,
        ruleIds: a.factors.filter((f) => f.status === 'present').map((f) => f.ruleId),
        emergencyRuleIds: a.emergencies.map((f) => f.ruleId),
        assessedAt: a.assessedAt,
      })),
    );
  }
}
