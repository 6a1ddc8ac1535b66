import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type ReferralCompletedV1 } from '@siaga/contracts';
import { MessagingLifecycle, type HandledEvent } from '@siaga/messaging';
import { AlertService } from '@alerts/alert/alert.service';

export const REFERRAL_GROUP = 'alerts.referrals';

/** Kafka adapter: a referral that completed (she arrived at the hospital) closes the alert that asked for it. */
@Injectable()
export class ReferralEventsConsumer {
  constructor(
    messaging: MessagingLifecycle,
    private readonly alerts: AlertService,
  ) {
    messaging.register({
      groupId: REFERRAL_GROUP,
      topics: [TOPICS.referral],
      handlers: { [EVENTS.referralCompleted.type]: (e: HandledEvent<ReferralCompletedV1>) => this.onCompleted(e.data) },
    });
  }

  async onCompleted(referral: ReferralCompletedV1): Promise<void> {
    if (referral.alertId) await this.alerts.closeForReferral(referral.alertId, referral.referralId);
    // Also a referral made directly, or one a later `refer` decision found already open.
    await this.alerts.closeReferredOfPregnancy(referral.pregnancyId, referral.referralId);
  }
}
