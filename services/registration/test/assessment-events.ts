import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, type PregnancyAssessedV1, type RiskCategory } from '@siaga/contracts';

/** An assessment event as risk scoring would publish it, in CloudEvents binary mode. */
export function assessmentMessage(pregnancyId: string, sequence: number, category: RiskCategory, score: number, id = randomUUID()) {
  const data: PregnancyAssessedV1 = {
    assessmentId: randomUUID(),
    pregnancyId,
    score,
    category,
    previousCategory: null,
    factors: [{ ruleId: 'KSPR-0', status: 'present', points: 2, facts: {} }],
    emergencies: [],
    warnings: [],
    ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
    causedBy: { eventId: randomUUID(), eventType: EVENTS.visitRecorded.type, sequence },
    assessedAt: new Date().toISOString(),
  };
  return {
    key: pregnancyId,
    value: JSON.stringify(data),
    headers: {
      [CE_HEADERS.id]: id,
      [CE_HEADERS.source]: 'siaga/risk-scoring',
      [CE_HEADERS.type]: EVENTS.pregnancyAssessed.type,
      [CE_HEADERS.subject]: pregnancyId,
      [CE_HEADERS.time]: new Date().toISOString(),
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.sequence]: String(sequence),
      [CE_HEADERS.contentType]: 'application/json',
    },
  };
}
