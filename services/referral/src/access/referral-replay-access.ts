import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { ReplayAccess, ReplayTarget } from '@siaga/http';
import { EscortService } from '@referral/escort/escort.service';
import { ReferralService } from '@referral/referral/referral.service';

/** Replays of referral and escort answers go through the same access rules as reading them (audited). */
@Injectable()
export class ReferralReplayAccess implements ReplayAccess {
  constructor(
    private readonly referrals: ReferralService,
    private readonly escorts: EscortService,
  ) {}

  async authorizeReplay(actor: Actor, target: ReplayTarget): Promise<void> {
    if (target.resource === 'referral' && target.action === 'referral.read') return this.referrals.authorizeReplay(actor, target.id);
    if (target.resource === 'escort' && target.action === 'escort.replay') return this.escorts.authorizeReplay(actor, target.id);
    throw new Error(`no replay policy for ${target.action} on ${target.resource}`);
  }
}
