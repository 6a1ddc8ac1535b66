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
  /**
   * Access audit records naming a pregnancy, one topic per producing service: the inbox checks each stream's
   * sequence per topic and subject, and every service numbers its own.
   */
  riskScoringAccess: 'siaga.risk-scoring.access.v1',
  alertsAccess: 'siaga.alerts.access.v1',
  referralAccess: 'siaga.referral.access.v1',
} as const;
export type TopicKey = keyof typeof TOPICS;

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;
