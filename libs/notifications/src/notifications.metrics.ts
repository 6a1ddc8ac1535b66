import { Counter } from 'prom-client';

/** Registered once per process in prom-client's default registry, served at /metrics. */
export const notificationMetrics = {
  delivered: new Counter({
    name: 'siaga_notifications_delivered_total',
    help: 'Notifications delivered',
    labelNames: ['channel'] as const,
  }),
  failedAttempts: new Counter({
    name: 'siaga_notification_attempts_failed_total',
    help: 'Notification attempts that failed (each is retried until the last)',
    labelNames: ['channel'] as const,
  }),
  givenUp: new Counter({
    name: 'siaga_notifications_failed_total',
    help: 'Notifications given up after their last attempt',
    labelNames: ['channel'] as const,
  }),
};
