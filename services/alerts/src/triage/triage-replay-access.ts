import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { ReplayAccess, ReplayTarget } from '@siaga/http';
import { TriageService } from './triage.service';

/** Replays of triage answers (acknowledge, release, resolve) go through the alert's read access. */
@Injectable()
export class TriageReplayAccess implements ReplayAccess {
  constructor(private readonly triage: TriageService) {}

  async authorizeReplay(actor: Actor, target: ReplayTarget): Promise<void> {
    if (target.resource !== 'alert' || target.action !== 'alert.read')
      throw new Error(`no replay policy for ${target.action} on ${target.resource}`);
    await this.triage.authorizeReplay(actor, target.id);
  }
}
