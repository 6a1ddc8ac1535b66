import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, validateEventData, type EventData, type EventName } from '@siaga/contracts';
import { queryRows, type SqlExecutor } from '@siaga/persistence';
import { MESSAGING_CONFIG, type MessagingConfig } from '../messaging-config';

export interface NewEvent<N extends EventName = EventName> {
  name: N;
  /** The pregnancy the event is about: Kafka key, CloudEvents subject, sequence scope. */
  subject: string;
  data: EventData<N>;
}

export interface AppendedEvent {
  id: string;
  type: string;
  sequence: number;
}

// One round trip: take the stream's next sequence (locking it until commit) and insert the event.
const APPEND_SQL = `
WITH next AS (
  INSERT INTO event_sequence (topic, subject, last_sequence) VALUES ($1, $2, 1)
  ON CONFLICT (topic, subject) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1
  RETURNING last_sequence
)
INSERT INTO outbox (id, subject, topic, sequence, type, source, time, payload)
SELECT $3, $2, $1, next.last_sequence, $4, $5, $6, $7 FROM next
RETURNING sequence`;

/** Writes events into the outbox inside the caller's transaction, so they commit (or not) with the state change. */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  async append<N extends EventName>(tx: SqlExecutor, events: NewEvent<N>[]): Promise<AppendedEvent[]> {
    const appended: AppendedEvent[] = [];
    for (const event of events) {
      const definition = EVENTS[event.name];
      // A contract violation is a bug here, not at the consumer: fail the transaction.
      validateEventData(definition.type, event.data);
      const id = randomUUID();
      const rows = await queryRows<{ sequence: number }>(tx, APPEND_SQL, [
        TOPICS[definition.topic],
        event.subject,
        id,
        definition.type,
        this.config.source,
        new Date().toISOString(),
        JSON.stringify(event.data),
      ]);
      appended.push({ id, type: definition.type, sequence: Number(rows[0].sequence) });
    }
    return appended;
  }
}
