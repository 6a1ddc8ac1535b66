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
  deadLettered: new Counter({
    name: 'siaga_events_dead_lettered_total',
    help: 'Poison messages sent to a dead-letter topic',
    labelNames: ['topic'] as const,
  }),
  sequenceAnomalies: new Counter({
    name: 'siaga_sequence_anomalies_total',
    help: 'Gaps or reorderings in a subject stream seen by a consumer',
    labelNames: ['topic', 'kind'] as const,
  }),
};
