import { Injectable } from '@nestjs/common';
import { AccessAudit, inCareScope, type Actor } from '@siaga/auth';
import { AssessmentErrorCode, AssessmentException } from '@risk-scoring/assessment/assessment.exception';

export type AssessmentAction = 'assessment.read' | 'assessment.history.read';

export interface ScopedPregnancy {
  id: string;
  villageCode: string;
  healthCenterId: string;
}

/** Scores are clinical data: the care scope (libs/auth), nothing wider. */
export const isAllowed = (actor: Actor, pregnancy: ScopedPregnancy): boolean => inCareScope(actor, pregnancy);

@Injectable()
export class AssessmentAccess {
  constructor(private readonly audit: AccessAudit) {}

  /** Records the decision in the access audit either way; throws 403 when the actor may not. */
  async authorize(actor: Actor, action: AssessmentAction, pregnancy: ScopedPregnancy): Promise<void> {
    const allowed = isAllowed(actor, pregnancy);
    await this.audit.record({
      actor,
      action,
      pregnancyId: pregnancy.id,
      outcome: allowed ? 'allowed' : 'denied',
      reason: allowed ? undefined : 'outside the caller’s scope',
    });
    if (!allowed) throw new AssessmentException(AssessmentErrorCode.OutOfScope, 'This pregnancy is outside your scope');
  }
}
