import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox keeps each event's JSON as text (`json`), not parsed into `jsonb`: it is written once, never
 * queried inside, and published as it is; `jsonb` cost PostgreSQL a parse on write and a conversion back to
 * text on every publish (risk scoring's consumer: ~10 % more events/s). Every service runs it on its outbox.
 */
export class OutboxPayloadJson1765000000000 implements MigrationInterface {
  name = 'OutboxPayloadJson1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE json USING payload::json`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb`);
  }
}
