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
    const [refusal] = await this.authorizeEach([{ actor, action, pregnancy }]);
    if (refusal) throw refusal;
  }

  /**
   * A registration found her NIK with an active pregnancy already: the 409 that prevents a duplicate. Whoever may
   * read that pregnancy learns its id; anyone else only that it exists at another place (a NIK must not find a
   * woman's record across places). Audited against her record either way: who typed her NIK, from where.
   */
  async duplicateRegistration(actor: Actor, existing: ScopedPregnancy & { id: string }): Promise<PregnancyException> {
    const mayRead = isAllowed(actor, 'pregnancy.read', existing);
    await this.audit.record({
      actor,
      action: 'pregnancy.create',
      pregnancyId: existing.id,
      outcome: 'denied',
      reason: mayRead ? 'her NIK has an active pregnancy in the caller’s scope' : 'her NIK has an active pregnancy at another place',
    });
    if (mayRead) {
      return new PregnancyException(PregnancyErrorCode.AlreadyActive, `This woman already has an active pregnancy (${existing.id})`, {
        existingPregnancyId: existing.id,
      });
    }
    return new PregnancyException(
      PregnancyErrorCode.AlreadyActive,
      'This woman already has an active pregnancy, registered at another place: ask her health center there instead of registering her again',
    );
  }

  /** Her identity got a new version through this pregnancy: which fields changed (never to what), by whom. */
  async recordIdentityChange(actor: Actor, pregnancyId: string, version: number, fields: readonly string[]): Promise<void> {
    await this.audit.record({
      actor,
      action: 'mother.identity.change',
      pregnancyId,
      outcome: 'allowed',
      reason: `identity version ${version}: ${fields.join(', ')}`,
    });
  }

  /** authorize for several accesses in one audit write: per access, the 403 to answer it with, or null. */
  async authorizeEach(
    accesses: readonly { actor: Actor; action: PregnancyAction; pregnancy: ScopedPregnancy }[],
  ): Promise<(PregnancyException | null)[]> {
    const allowed = accesses.map(({ actor, action, pregnancy }) => isAllowed(actor, action, pregnancy));
    await this.audit.record(
      ...accesses.map(({ actor, action, pregnancy }, i) => ({
        actor,
        action,
        pregnancyId: pregnancy.id,
        outcome: allowed[i] ? ('allowed' as const) : ('denied' as const),
        reason: allowed[i] ? undefined : 'outside the caller’s scope',
      })),
    );
    return allowed.map((ok) => (ok ? null : new PregnancyException(PregnancyErrorCode.OutOfScope, 'This pregnancy is outside your scope')));
  }
}
