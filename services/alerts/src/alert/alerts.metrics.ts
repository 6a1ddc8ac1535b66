import { Counter, Histogram } from 'prom-client';

/** Registered once per process in prom-client's default registry, served at /metrics. */
export const alertMetrics = {
  raised: new Counter({
    name: 'siaga_alerts_raised_total',
    help: 'Alerts raised to a health center',
    labelNames: ['severity', 'kind'] as const,
  }),
  waiting: new Counter({ name: 'siaga_alerts_waiting_for_pregnancy_total', help: 'Alerts raised before their pregnancy was known here' }),
  escalated: new Counter({
    name: 'siaga_alert_escalations_total',
    help: 'Escalations to the district on-call',
    labelNames: ['severity'] as const,
  }),
  timeToAcknowledge: new Histogram({
    name: 'siaga_alert_time_to_acknowledge_seconds',
    help: 'From an alert reaching its health center to a doctor acknowledging it',
    labelNames: ['severity'] as const,
    buckets: [30, 60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600, 72 * 3600],
  }),
};
