import { queryRows, type SqlExecutor } from '@siaga/persistence';

/** A message a consumer gave up on, as kept in `dead_letter` (its copy is on `<topic>.dlt`). */
export interface DeadLetter {
  id: string;
  consumerGroup: string;
  /** As on the broker (with the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  /** The pregnancy id, for events keyed by pregnancy. */
  subject: string | null;
  /** On a clinical topic (CLINICAL_TOPICS): a missed patient until someone resolves it. */
  clinical: boolean;
  errorType: string;
  errorMessage: string;
  attempts: number;
  deadLetteredAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'deadLetteredAt' | 'resolvedAt' | 'resolvedBy' | 'resolution'>;

export type DeadLetterStatus = 'open' | 'resolved';

export interface OpenClinicalDeadLetters {
  count: number;
  oldest: string | null;
}

const COLUMNS = `id, consumer_group AS "consumerGroup", topic, partition, "offset"::text AS "offset", event_id AS "eventId",
  event_type AS "eventType", subject, clinical, error_type AS "errorType", error_message AS "errorMessage", attempts,
  dead_lettered_at AS "deadLetteredAt", resolved_at AS "resolvedAt", resolved_by AS "resolvedBy", resolution`;

type Row = Omit<DeadLetter, 'deadLetteredAt' | 'resolvedAt'> & { deadLetteredAt: Date; resolvedAt: Date | null };

const toDeadLetter = (row: Row): DeadLetter => ({
  ...row,
  deadLetteredAt: row.deadLetteredAt.toISOString(),
  resolvedAt: row.resolvedAt?.toISOString() ?? null,
});

const RECORD_SQL = `
INSERT INTO dead_letter (consumer_group, topic, partition, "offset", event_id, event_type, subject, clinical, error_type,
  error_message, attempts)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT ON CONSTRAINT dead_letter_message DO NOTHING
RETURNING ${COLUMNS}`;

/** The `dead_letter` table: written by the inbox, read by readiness and the /dead-letters API. */
export class DeadLetterLog {
  /** Null when this message was recorded before (a redelivery): nothing new to raise. */
  async record(executor: SqlExecutor, letter: NewDeadLetter): Promise<DeadLetter | null> {
    const [row] = await queryRows<Row>(executor, RECORD_SQL, [
      letter.consumerGroup,
      letter.topic,
      letter.partition,
      letter.offset,
      letter.eventId,
      letter.eventType,
      letter.subject,
      letter.clinical,
      letter.errorType,
      letter.errorMessage,
      letter.attempts,
    ]);
    return row ? toDeadLetter(row) : null;
  }

  async openClinical(executor: SqlExecutor): Promise<OpenClinicalDeadLetters> {
    const [row] = await queryRows<{ count: number; oldest: Date | null }>(
      executor,
      `SELECT count(*)::int AS count, min(dead_lettered_at) AS oldest FROM dead_letter WHERE resolved_at IS NULL AND clinical`,
    );
    return { count: row.count, oldest: row.oldest?.toISOString() ?? null };
  }

  async list(executor: SqlExecutor, status: DeadLetterStatus): Promise<DeadLetter[]> {
    const rows = await queryRows<Row>(
      executor,
      `SELECT ${COLUMNS} FROM dead_letter WHERE (resolved_at IS NULL) = $1 ORDER BY dead_lettered_at DESC LIMIT 200`,
      [status === 'open'],
    );
    return rows.map(toDeadLetter);
  }

  /** Marks it resolved (once: resolving again keeps the first resolution); null when there is no such dead letter. */
  async resolve(executor: SqlExecutor, id: string, resolvedBy: string, resolution: string): Promise<DeadLetter | null> {
    // The outer SELECT sees the table as before the UPDATE: the updated row comes from RETURNING.
    const [row] = await queryRows<Row>(
      executor,
      `WITH resolved AS (
         UPDATE dead_letter SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1 AND resolved_at IS NULL
         RETURNING ${COLUMNS})
       SELECT * FROM resolved
       UNION ALL
       SELECT ${COLUMNS} FROM dead_letter WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM resolved)`,
      [id, resolvedBy, resolution],
    );
    return row ? toDeadLetter(row) : null;
  }
}
