import { ALERTS_EVENTS } from './alerts/alerts.catalog';
import type { EventDefinition } from './event-definition';
import { REFERRAL_EVENTS } from './referral/referral.catalog';
import { REGISTRATION_EVENTS } from './registration/registration.catalog';
import { RISK_SCORING_EVENTS } from './risk-scoring/risk-scoring.catalog';
import { TOPICS } from './topics';

/** Every event Siaga exchanges, from each service's own catalog. */
export const EVENTS = {
  ...REGISTRATION_EVENTS,
  ...RISK_SCORING_EVENTS,
  ...ALERTS_EVENTS,
  ...REFERRAL_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventData<N extends EventName> = InstanceType<(typeof EVENTS)[N]['dataClass']>;

const byType = new Map<string, EventDefinition>(Object.values(EVENTS).map((e: EventDefinition) => [e.type, e]));

export const eventDefinitionForType = (type: string): EventDefinition | undefined => byType.get(type);
export const topicOf = (name: EventName): string => TOPICS[EVENTS[name].topic];
