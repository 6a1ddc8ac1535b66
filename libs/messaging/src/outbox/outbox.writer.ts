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
// `along` puts another data-modifying statement first in the same WITH (see appendAlong); its n parameters come
// first, the events' after them.
const appendSql = (along?: { sql: string; parameters: number }) => {
  const [events, source] = along ? [`$${along.parameters + 1}`, `$${along.parameters + 2}`] : ['$1', '$2'];
  return `
WITH ${along ? `along AS (${along.sql}),\n` : ''}input AS (
  SELECT * FROM ROWS FROM (json_to_recordset(${events}::json) AS (topic text, subject text, id uuid, type text, time timestamptz, payload json))
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
       i.type, ${source}, i.time, i.payload
FROM input i JOIN counts c USING (topic, subject) JOIN reserved r USING (topic, subject)
ORDER BY i.ord
RETURNING id, sequence`;
};
const APPEND_SQL = appendSql();

/** Writes events into the outbox inside the caller's transaction, so they commit (or not) with the state change. */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  async append<N extends EventName>(tx: SqlExecutor, events: NewEvent<N>[]): Promise<AppendedEvent[]> {
    if (events.length === 0) return [];
    return this.write(tx, APPEND_SQL, [], events);
  }

  /**
   * `statement` (a data-modifying one, e.g. an INSERT, with its own parameters $1..$n) and the events in one
   * statement: atomic without a transaction, in one round trip. For writes made outside any transaction (the
   * access audit's) that must not be kept without their events nor published without being kept. The caller
   * wakes the relay: this process's commit hook sees only TypeORM transactions.
   */
  async appendAlong<N extends EventName>(
    tx: SqlExecutor,
    statement: { sql: string; parameters: unknown[] },
    events: NewEvent<N>[],
  ): Promise<AppendedEvent[]> {
    if (events.length === 0) throw new Error('appendAlong needs events: run the statement alone');
    return this.write(tx, appendSql({ sql: statement.sql, parameters: statement.parameters.length }), statement.parameters, events);
  }

  private async write<N extends EventName>(
    tx: SqlExecutor,
    sql: string,
    before: unknown[],
    events: NewEvent<N>[],
  ): Promise<AppendedEvent[]> {
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
    const inserted = await queryRows<{ id: string; sequence: string }>(tx, sql, [...before, JSON.stringify(rows), this.config.source]);
    markOutboxAppended(tx);
    const sequenceOf = new Map(inserted.map((r) => [r.id, Number(r.sequence)]));
    return rows.map((r) => ({ id: r.id, type: r.type, sequence: sequenceOf.get(r.id)! }));
  }
}
