import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { ReplayAccess, ReplayTarget } from '@siaga/http';
import { PregnancyRepository } from '@registration/pregnancy/pregnancy.repository';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';
import { PregnancyAccess, type PregnancyAction } from './pregnancy-access';

const REPLAYABLE: ReadonlySet<string> = new Set<PregnancyAction>(['pregnancy.read', 'visit.read']);

/** An Idempotency-Key replay is a read of the pregnancy it answered about: PregnancyAccess decides, and audits it. */
@Injectable()
export class PregnancyReplayAccess implements ReplayAccess {
  constructor(
    private readonly pregnancies: PregnancyRepository,
    private readonly access: PregnancyAccess,
  ) {}

  async authorizeReplay(actor: Actor, target: ReplayTarget): Promise<void> {
    if (target.resource !== 'pregnancy' || !REPLAYABLE.has(target.action)) {
      throw new Error(`no replay policy for ${target.action} on ${target.resource}`);
    }
    const pregnancy = await this.pregnancies.findScope(target.id);
    if (!pregnancy) throw new PregnancyException(PregnancyErrorCode.NotFound, `No pregnancy ${target.id}`);
    await this.access.authorize(actor, target.action as PregnancyAction, pregnancy);
  }
}
