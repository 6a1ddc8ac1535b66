import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type ReferralCompletedV1 } from '@siaga/contracts';
import { MessagingLifecycle, type HandledEvent } from '@siaga/messaging';
import { PregnancyRepository } from '@registration/pregnancy/pregnancy.repository';

/** Kafka adapter: when a referral completes, the woman's record shows which hospital she reached and when. */
@Injectable()
export class ReferralConsumer {
  constructor(
    messaging: MessagingLifecycle,
    private readonly pregnancies: PregnancyRepository,
  ) {
    messaging.register({
      groupId: 'registration.referrals',
      topics: [TOPICS.referral],
      handlers: { [EVENTS.referralCompleted.type]: (event: HandledEvent<ReferralCompletedV1>) => this.onCompleted(event) },
    });
  }

  async onCompleted(event: HandledEvent<ReferralCompletedV1>): Promise<void> {
    const completed = event.data;
    // A pregnancy referred before registration knew her is not here: nothing to record on.
    await this.pregnancies.recordReferralOutcome(completed.pregnancyId, {
      referralId: completed.referralId,
      referredToHospitalId: completed.hospitalId,
      referredToHospitalName: completed.hospitalName,
      arrivedAtHospitalAt: new Date(completed.arrivedAt),
    });
  }
}
