import { AccessRecordedV1 } from '../audit/access-recorded.events';
import { defineEvent } from '../event-definition';
import { PregnancyAssessedV1 } from './assessment.events';

export const RISK_SCORING_EVENTS = {
  pregnancyAssessed: defineEvent('id.siaga.risk-scoring.pregnancy-assessed.v1', 'assessment', PregnancyAssessedV1),
  riskScoringAccessRecorded: defineEvent('id.siaga.risk-scoring.access-recorded.v1', 'riskScoringAccess', AccessRecordedV1),
} as const;
