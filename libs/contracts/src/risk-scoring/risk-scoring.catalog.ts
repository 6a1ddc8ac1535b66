import { defineEvent } from '../event-definition';
import { PregnancyAssessedV1 } from './assessment.events';

export const RISK_SCORING_EVENTS = {
  pregnancyAssessed: defineEvent('id.siaga.risk-scoring.pregnancy-assessed.v1', 'assessment', PregnancyAssessedV1),
} as const;
