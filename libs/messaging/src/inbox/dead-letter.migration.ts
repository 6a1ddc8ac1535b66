import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every dead-lettered message is also kept here, in the consumer's own schema: the alarm's bookkeeping (a notice to
 * the district is written in the same transaction) and what readiness reads until someone resolves it.
 */
export class DeadLetterLog1765213000000 implements MigrationInterface {
  name = 'DeadLetterLog1765213000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer_group text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        -- From the CloudEvents headers; null when the message was too malformed to carry them.
        event_id text,
        event_type text,
        subject text,
        clinical boolean NOT NULL,
        error_type text NOT NULL,
        error_message text NOT NULL,
        attempts int NOT NULL,
        dead_lettered_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text,
        resolution text,
        -- A redelivery of the same message (the DLT publish failed) is recorded, and notified, once.
        CONSTRAINT dead_letter_message UNIQUE (consumer_group, topic, partition, "offset"),
        CONSTRAINT dead_letter_resolved CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
      );
      CREATE INDEX dead_letter_open ON dead_letter (dead_lettered_at) WHERE resolved_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dead_letter`);
  }
}
