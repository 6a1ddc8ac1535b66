import type { AssessmentEntity } from './assessment.entity';

/** The API's picture of a stored assessment: the result, the facts that decided it, and what caused it. */
export function toAssessmentView(a: AssessmentEntity) {
  return {
    assessmentId: a.id,
    pregnancyId: a.pregnancyId,
    score: a.score,
    category: a.category,
    previousCategory: a.previousCategory,
    /** Any emergency means urgent referral, whatever the score. */
    hasEmergency: a.emergencies.length > 0,
    factors: a.factors,
    emergencies: a.emergencies,
    warnings: a.warnings,
    gestationalAgeWeeks: a.gestationalAgeWeeks,
    derived: a.derived,
    ruleSetVersion: a.ruleSetVersion,
    causedBy: { eventId: a.causedByEventId, eventType: a.causedByType, sequence: Number(a.causedBySequence) },
    asOf: a.asOf.toISOString(),
    assessedAt: a.assessedAt.toISOString(),
  };
}

export type AssessmentView = ReturnType<typeof toAssessmentView>;
