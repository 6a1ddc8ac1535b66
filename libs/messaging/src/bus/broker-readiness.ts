import type { ReadinessCheck } from '@siaga/observability';
import type { MessageBus } from './message-bus';

export const brokerReadiness = (bus: MessageBus): ReadinessCheck => ({
  name: 'kafka',
  check: () => bus.ping(),
});
