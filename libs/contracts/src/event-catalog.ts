import { PregnancyAssessedV1 } from './risk-scoring/assessment.events';
import { PregnancyClosedV1, PregnancyRegisteredV1, PregnancyUpdatedV1, VisitRecordedV1 } from './registration/registration.events';
import { TOPICS, type TopicKey } from './topics';

type EventClass = new () => object;

interface EventDefinition<C extends EventClass = EventClass> {
  readonly type: string;
  readonly topic: TopicKey;
  readonly dataClass: C;
}

const define = <C extends EventClass>(type: string, topic: TopicKey, dataClass: C): EventDefinition<C> => ({
  type,
  topic,
  dataClass,
});

/** Every event Siaga exchanges: its CloudEvents type (versioned), topic and payload class. */
export const EVENTS = {
  pregnancyRegistered: define('id.siaga.registration.pregnancy-registered.v1', 'pregnancy', PregnancyRegisteredV1),
  visitRecorded: define('id.siaga.registration.visit-recorded.v1', 'pregnancy', VisitRecordedV1),
  pregnancyUpdated: define('id.siaga.registration.pregnancy-updated.v1', 'pregnancy', PregnancyUpdatedV1),
  pregnancyClosed: define('id.siaga.registration.pregnancy-closed.v1', 'pregnancy', PregnancyClosedV1),
  pregnancyAssessed: define('id.siaga.risk-scoring.pregnancy-assessed.v1', 'assessment', PregnancyAssessedV1),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventData<N extends EventName> = InstanceType<(typeof EVENTS)[N]['dataClass']>;

const byType = new Map<string, EventDefinition>(Object.values(EVENTS).map((e) => [e.type, e]));

export const eventDefinitionForType = (type: string): EventDefinition | undefined => byType.get(type);
export const topicOf = (name: EventName): string => TOPICS[EVENTS[name].topic];
