import { Injectable } from '@nestjs/common';
import {
  EVENTS,
  TOPICS,
  type PregnancyAssessedV1,
  type PregnancyClosedV1,
  type PregnancyRegisteredV1,
  type PregnancyUpdatedV1,
} from '@siaga/contracts';
import { MessagingLifecycle, PermanentEventError, type HandledEvent } from '@siaga/messaging';
import { ReferralService } from '@referral/referral/referral.service';
import { PregnancyFactRepository, type LatestRisk } from './pregnancy-fact.repository';

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
    sameSubject(event, snapshot.pregnancyId);
    await this.facts.upsertSnapshot(snapshot);
  }

  async onClosed(event: HandledEvent<PregnancyClosedV1>): Promise<void> {
    sameSubject(event, event.data.pregnancyId);
    await this.facts.markClosed(event.data.pregnancyId);
    await this.referrals.cancelForClosedPregnancy(event.data.pregnancyId, event.data.outcome);
  }

  /** A chunk of assessments in one write: each woman's latest. */
  async onAssessed(events: readonly HandledEvent<PregnancyAssessedV1>[]): Promise<void> {
    const latest = new Map<string, LatestRisk>();
    for (const event of events) {
      const a = event.data;
      sameSubject(event, a.pregnancyId);
      latest.set(a.pregnancyId, {
        pregnancyId: a.pregnancyId,
        category: a.category,
        score: a.score,
        ruleIds: a.factors.filter((f) => f.status === 'present').map((f) => f.ruleId),
        emergencyRuleIds: a.emergencies.map((f) => f.ruleId),
        assessedAt: a.assessedAt,
      });
    }
    await this.facts.applyAssessments([...latest.values()]);
  }
}

/** The subject keys the partition and the sequence check; data about another pregnancy would corrupt both. */
function sameSubject(event: HandledEvent<unknown>, pregnancyId: string): void {
  if (event.subject !== pregnancyId) throw new PermanentEventError(`subject ${event.subject} does not match pregnancy ${pregnancyId}`);
}
