/**
 * Kafka topics. Each aggregate has one topic keyed by pregnancy id, so all of one
 * woman's events of that stream stay in order in one partition.
 * Deployments (and test runs) may prefix every name; see messaging's topic resolver.
 */
export const TOPICS = {
  pregnancy: 'siaga.registration.pregnancy.v1',
  assessment: 'siaga.risk-scoring.assessment.v1',
  alert: 'siaga.alerts.alert.v1',
  referral: 'siaga.referral.referral.v1',
  /** Escort requests and their progress: no clinical data ever (see referral/escort contracts). */
  escort: 'siaga.referral.escort.v1',
} as const;
export type TopicKey = keyof typeof TOPICS;

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;
