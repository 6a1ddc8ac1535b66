import { Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { AssessmentErrorCode, AssessmentException } from '@risk-scoring/assessment/assessment.exception';

export type AssessmentAction = 'assessment.read' | 'assessment.history.read';

export interface ScopedPregnancy {
  id: string;
  villageCode: string;
  healthCenterId: string;
}

/**
 * Same rule as registration: a midwife sees the pregnancies of her villages, a doctor those of her health
 * center. Scores are clinical data, so nobody else does (district staff see aggregates elsewhere).
 */
export function isAllowed(actor: Actor, pregnancy: ScopedPregnancy): boolean {
  switch (actor.role) {
    case 'midwife':
      return actor.villageCodes.includes(pregnancy.villageCode);
    case 'doctor':
      return actor.healthCenterId !== undefined && actor.healthCenterId === pregnancy.healthCenterId;
    case 'hospital':
    case 'escort':
    case 'district':
    case 'admin':
      return false;
  }
}

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
