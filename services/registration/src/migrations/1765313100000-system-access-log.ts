import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Who looked at her record?" across the system: the access records the other services publish (one row per
 * event, its id the key), kept beside registration's own access_audit. Append-only, like the audit itself.
 */
export class SystemAccessLog1765313100000 implements MigrationInterface {
  name = 'SystemAccessLog1765313100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE system_access_log (
        event_id uuid PRIMARY KEY,
        service text NOT NULL,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        scope jsonb NOT NULL,
        action text NOT NULL,
        pregnancy_id uuid NOT NULL,
        resource text,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        reason text,
        request_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX system_access_log_pregnancy ON system_access_log (pregnancy_id, at);
      CREATE FUNCTION system_access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'system_access_log is append-only';
      END $$;
      CREATE TRIGGER system_access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON system_access_log
        FOR EACH STATEMENT EXECUTE FUNCTION system_access_log_is_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE system_access_log; DROP FUNCTION system_access_log_is_append_only();`);
  }
}
