import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@siaga/messaging';
import { TransactionContext } from '@siaga/persistence';
import { ReferralNotifier } from '@referral/notification/referral-notifier';
import { PregnancyFactRepository } from '@referral/pregnancy/pregnancy-fact.repository';
import { ReferralRepository } from './referral.repository';
import { canTransition } from './referral-state';
import type { Referral } from './referral.types';
import { ReferralErrorCode, ReferralException } from './referral.exception';

/**
 * She arrived: the referral is complete (issue 5). Reached from the escort's "arrived" and from the
 * hospital recording an arrival without an escort. The caller holds the referral's row lock.
 */
@Injectable()
export class ReferralCompletion {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly facts: PregnancyFactRepository,
    private readonly outbox: OutboxWriter,
    private readonly notifier: ReferralNotifier,
    private readonly tx: TransactionContext,
  ) {}

  async complete(referral: Referral, arrivedAt: Date, reportedBy: 'escort' | 'hospital', actor: string): Promise<void> {
    const offer = await this.referrals.currentOffer(referral);
    if (!canTransition(referral.status, 'complete') || !offer || referral.currentHospitalId === null) {
      throw new ReferralException(
        ReferralErrorCode.WrongState,
        `Referral ${referral.id} is ${referral.status}, not accepted: it cannot be completed`,
      );
    }
    referral.status = 'completed';
    referral.arrivedAt = arrivedAt;
    await this.referrals.update(referral);
    await this.referrals.appendSteps([
      {
        referralId: referral.id,
        at: new Date(),
        kind: 'completed',
        attempt: referral.attempt,
        hospitalId: offer.hospitalId,
        escortId: null,
        actor,
        detail: { arrivedAt: arrivedAt.toISOString(), reportedBy },
      },
    ]);
    await this.outbox.append(this.tx.manager, [
      {
        name: 'referralCompleted',
        subject: referral.pregnancyId,
        data: {
          referralId: referral.id,
          pregnancyId: referral.pregnancyId,
          alertId: referral.alertId,
          hospitalId: offer.hospitalId,
          hospitalName: offer.hospitalName,
          arrivedAt: arrivedAt.toISOString(),
          arrivalReportedBy: reportedBy,
        },
      },
    ]);
    const fact = await this.facts.find(referral.pregnancyId);
    if (fact?.midwifeId) {
      await this.notifier.notify(
        [{ kind: 'midwife', id: fact.midwifeId }],
        'referral.completed',
        {
          referralId: referral.id,
          pregnancyId: referral.pregnancyId,
          hospitalName: offer.hospitalName,
          arrivedAt: arrivedAt.toISOString(),
        },
        `referral-completed:${referral.id}`,
      );
    }
  }
}
