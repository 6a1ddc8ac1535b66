import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type AlertResolvedV1 } from '@siaga/contracts';
import { MessagingLifecycle, PermanentEventError, assertSubject, type HandledEvent } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { ReferralService } from './referral.service';

export const ALERT_DECISIONS_GROUP = 'referral.alert-decisions';

/**
 * Kafka adapter: a doctor resolved an alert with `refer` → a referral, offered at once (issue 4 → 5).
 * Inside the inbox transaction; the alert id is unique on referrals, so a redelivery creates nothing.
 */
@Injectable()
export class AlertDecisionConsumer {
  private readonly logger: Logger;

  constructor(
    messaging: MessagingLifecycle,
    private readonly referrals: ReferralService,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alert-decisions' });
    messaging.register({
      groupId: ALERT_DECISIONS_GROUP,
      topics: [TOPICS.alert],
      handlers: { [EVENTS.alertResolved.type]: (e: HandledEvent<AlertResolvedV1>) => this.onResolved(e) },
    });
  }

  async onResolved(event: HandledEvent<AlertResolvedV1>): Promise<void> {
    const alert = event.data;
    if (alert.decision !== 'refer') return;
    assertSubject(event, alert.pregnancyId);
    if (!alert.referral) throw new PermanentEventError(`alert ${alert.alertId} was resolved with refer but carries no referral`);
    const outcome = await this.referrals.createFromAlert({
      alertId: alert.alertId,
      pregnancyId: alert.pregnancyId,
      healthCenterId: alert.healthCenterId,
      villageCode: alert.villageCode,
      urgency: alert.referral.urgency,
      reason: alert.referral.reason,
      icd10: alert.referral.icd10 ?? null,
      treatmentGiven: alert.referral.treatmentGiven ?? null,
      findingRuleIds: alert.findings.map((f) => f.ruleId),
      decidedBy: alert.decidedBy,
    });
    if (!outcome.created) {
      this.logger.info(
        { alertId: alert.alertId, referralId: outcome.referral.id },
        outcome.referral.alertId === alert.alertId
          ? 'referral for this alert exists already'
          : 'an open referral exists already; not opening another',
      );
    }
  }
}
