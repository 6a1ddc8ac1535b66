import { Counter } from 'prom-client';

/** Registered once per process in prom-client's default registry, served at /metrics. */
export const messagingMetrics = {
  outboxPublished: new Counter({ name: 'siaga_outbox_published_total', help: 'Outbox events published' }),
  outboxPublishFailures: new Counter({
    name: 'siaga_outbox_publish_failures_total',
    help: 'Outbox relay rounds that failed (broker or database unavailable)',
  }),
  consumed: new Counter({
    name: 'siaga_events_consumed_total',
    help: 'Events handled by consumers, by outcome',
    labelNames: ['topic', 'outcome'] as const,
  }),
  /** clinical="true" is a missed patient: alert on any increase (readiness also says degraded until resolved). */
  deadLetters: new Counter({
    name: 'siaga_dead_letters_total',
    help: 'Messages a consumer gave up on and sent to a dead-letter topic, by base topic, consumer group and whether clinical',
    labelNames: ['topic', 'consumer_group', 'clinical'] as const,
  }),
  sequenceAnomalies: new Counter({
    name: 'siaga_sequence_anomalies_total',
    help: 'Gaps or reorderings in a subject stream seen by a consumer',
    labelNames: ['topic', 'kind'] as const,
  }),
};
