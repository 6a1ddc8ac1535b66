import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the outbox's NOTIFY trigger: the relay is now woken in process after each commit that appended events
 * (see OutboxCommitSubscriber). A notifying transaction holds a cluster-wide lock through its commit's WAL
 * flush, so with the trigger every service's writes committed one flush at a time.
 */
export class OutboxWakeInProcess1765100000000 implements MigrationInterface {
  name = 'OutboxWakeInProcess1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS outbox_inserted ON outbox; DROP FUNCTION IF EXISTS outbox_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('siaga_outbox_' || current_schema(), '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }
}
