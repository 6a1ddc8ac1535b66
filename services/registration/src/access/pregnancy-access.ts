import { Injectable } from '@nestjs/common';
import { AccessAudit, inCareScope, type Actor } from '@siaga/auth';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';

export type PregnancyAction =
  'pregnancy.create' | 'pregnancy.read' | 'pregnancy.update' | 'pregnancy.close' | 'visit.create' | 'visit.read';

export interface ScopedPregnancy {
  id: string | null;
  villageCode: string;
  healthCenterId: string;
}

const WRITES: ReadonlySet<PregnancyAction> = new Set(['pregnancy.create', 'pregnancy.update', 'pregnancy.close', 'visit.create']);

/**
 * Who may touch which pregnancy: a midwife those of her villages (read and write), a doctor those of
 * her health center (read only). Nobody else sees records. Every decision is written to the access audit.
 */
export const isAllowed = (actor: Actor, action: PregnancyAction, pregnancy: ScopedPregnancy): boolean =>
  inCareScope(actor, pregnancy) && (actor.role === 'midwife' || !WRITES.has(action));

@Injectable()
export class PregnancyAccess {
  constructor(private readonly audit: AccessAudit) {}

  /** Throws 403 (audited) when the actor may not; records the access when it may. */
  async authorize(actor: Actor, action: PregnancyAction, pregnancy: ScopedPregnancy): Promise<void> {
    const allowed = isAllowed(actor, action, pregnancy);
    await this.audit.record({
      actor,
      action,
      pregnancyId: pregnancy.id,
      outcome: allowed ? 'allowed' : 'denied',
      reason: allowed ? undefined : 'outside the caller’s scope',
    });
    if (!allowed) throw new PregnancyException(PregnancyErrorCode.OutOfScope, 'This pregnancy is outside your scope');
  }
}
