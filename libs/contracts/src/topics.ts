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

/**
 * Topics whose events are about a woman's care. An event on one of them that no consumer can handle is a missed
 * patient: its dead-lettering raises the alarm (metric, error log, readiness degraded, notice to the district).
 * The escort topic carries logistics, no clinical data, and no service consumes it.
 */
export const CLINICAL_TOPICS: readonly string[] = [TOPICS.pregnancy, TOPICS.assessment, TOPICS.alert, TOPICS.referral];

/** Whether a topic (as named in TOPICS, without a deployment prefix) is clinical. */
export const isClinicalTopic = (topic: string): boolean => CLINICAL_TOPICS.includes(topic);
