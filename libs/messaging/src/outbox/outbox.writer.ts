import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, validateEventData, type EventData, type EventName } from '@siaga/contracts';
import { queryRows, type SqlExecutor } from '@siaga/persistence';
import { MESSAGING_CONFIG, type MessagingConfig } from '../messaging-config';
import { markOutboxAppended } from './outbox-commit.subscriber';

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

// One round trip for any number of events: each stream (topic, subject) takes as many sequence numbers as it
// has events here (its counter row stays locked until commit, which orders one subject's writers), and the
// events of one stream are numbered in the order given. json, not jsonb: each payload goes into the json column as
// the text it came as, where jsonb would parse it, serialise it again and json would check it once more.
const APPEND_SQL = `
WITH input AS (
  SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (topic text, subject text, id uuid, type text, time timestamptz, payload json))
    WITH ORDINALITY AS t(topic, subject, id, type, time, payload, ord)
),
counts AS (
  SELECT topic, subject, count(*) AS n FROM input GROUP BY topic, subject
),
reserved AS (
  INSERT INTO event_sequence (topic, subject, last_sequence)
  SELECT topic, subject, n FROM counts ORDER BY topic, subject
  ON CONFLICT (topic, subject) DO UPDATE SET last_sequence = event_sequence.last_sequence + EXCLUDED.last_sequence
  RETURNING topic, subject, last_sequence
)
INSERT INTO outbox (id, subject, topic, sequence, type, source, time, payload)
SELECT i.id, i.subject, i.topic,
       r.last_sequence - c.n + row_number() OVER (PARTITION BY i.topic, i.subject ORDER BY i.ord),
       i.type, $2, i.time, i.payload
FROM input i JOIN counts c USING (topic, subject) JOIN reserved r USING (topic, subject)
ORDER BY i.ord
RETURNING id, sequence`;

/** Writes events into the outbox inside the caller's transaction, so they commit (or not) with the state change. */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  async append<N extends EventName>(tx: SqlExecutor, events: NewEvent<N>[]): Promise<AppendedEvent[]> {
    if (events.length === 0) return [];
    const time = new Date().toISOString();
    const rows = events.map((event) => {
      const definition = EVENTS[event.name];
      // A contract violation is a bug here, not at the consumer: fail the transaction (see MessagingConfig.validateOutgoing).
      if (this.config.validateOutgoing) validateEventData(definition.type, event.data);
      return {
        id: randomUUID(),
        topic: TOPICS[definition.topic],
        type: definition.type,
        subject: event.subject,
        time,
        payload: event.data,
      };
    });
    // One JSON document rather than parallel arrays: the driver would escape every character of each payload.
    const inserted = await queryRows<{ id: string; sequence: string }>(tx, APPEND_SQL, [JSON.stringify(rows), this.config.source]);
    markOutboxAppended(tx);
    const sequenceOf = new Map(inserted.map((r) => [r.id, Number(r.sequence)]));
    return rows.map((r) => ({ id: r.id, type: r.type, sequence: sequenceOf.get(r.id)! }));
  }
}
