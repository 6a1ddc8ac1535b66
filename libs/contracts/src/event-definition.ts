import type { TopicKey } from './topics';

export type EventClass = new () => object;

export interface EventDefinition<C extends EventClass = EventClass> {
  readonly type: string;
  readonly topic: TopicKey;
  readonly dataClass: C;
}

/** One event of a service's catalog: its CloudEvents type (versioned), its topic and its payload class. */
export const defineEvent = <C extends EventClass>(type: string, topic: TopicKey, dataClass: C): EventDefinition<C> => ({
  type,
  topic,
  dataClass,
});
