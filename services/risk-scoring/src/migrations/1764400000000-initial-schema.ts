import { ACCESS_AUDIT_TABLE_DOWN, ACCESS_AUDIT_TABLE_UP } from '@siaga/auth';
import { IDEMPOTENCY_TABLE_DOWN, IDEMPOTENCY_TABLE_UP } from '@siaga/http';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '@siaga/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- This service's own picture of each pregnancy, built from registration's events (never from its tables).
      CREATE TABLE pregnancy_facts (
        pregnancy_id uuid PRIMARY KEY,
        -- PregnancySnapshotV1 as last received; NULL while only later events (a visit, a closure) have arrived.
        snapshot jsonb,
        snapshot_sequence bigint NOT NULL DEFAULT 0,
        -- Copied from the snapshot: the scope keys of every access check.
        village_code text,
        health_center_id uuid,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        outcome text CHECK (outcome IN ('delivered', 'miscarriage', 'stillbirth', 'maternal-death', 'moved-away')),
        closed_at timestamptz,
        -- Highest per-pregnancy sequence applied, whatever the event.
        last_sequence bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- Re-score: keyset pagination over open pregnancies only.
      CREATE INDEX pregnancy_facts_open ON pregnancy_facts (pregnancy_id) WHERE status = 'open';

      -- Visits keyed by their own id: a replayed visit event inserts nothing.
      CREATE TABLE visit_facts (
        visit_id uuid PRIMARY KEY,
        pregnancy_id uuid NOT NULL REFERENCES pregnancy_facts (pregnancy_id),
        visit_date date NOT NULL,
        facts jsonb NOT NULL, -- AncVisitV1
        sequence bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX visit_facts_pregnancy ON visit_facts (pregnancy_id, visit_date);

      -- Every assessment ever made: the audit trail of a woman's score.
      CREATE TABLE assessment (
        id uuid PRIMARY KEY,
        -- Insertion order (one pregnancy's writers are serialised by its facts row lock): history order and cursor.
        position bigserial NOT NULL UNIQUE,
        pregnancy_id uuid NOT NULL REFERENCES pregnancy_facts (pregnancy_id),
        score int NOT NULL,
        category text NOT NULL CHECK (category IN ('KRR', 'KRT', 'KRST')),
        previous_category text CHECK (previous_category IN ('KRR', 'KRT', 'KRST')),
        factors jsonb NOT NULL,
        emergencies jsonb NOT NULL,
        warnings jsonb NOT NULL,
        derived jsonb NOT NULL,
        gestational_age_weeks int,
        rule_set_version text NOT NULL,
        -- Second guard after the inbox: one assessment per causing event, whatever happens to the inbox.
        caused_by_event_id uuid NOT NULL UNIQUE,
        caused_by_type text NOT NULL,
        caused_by_sequence bigint NOT NULL,
        as_of timestamptz NOT NULL,
        assessed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX assessment_pregnancy_position ON assessment (pregnancy_id, position DESC);
    `);
    await db.query(MESSAGING_TABLES_UP);
    await db.query(ACCESS_AUDIT_TABLE_UP);
    await db.query(IDEMPOTENCY_TABLE_UP);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(IDEMPOTENCY_TABLE_DOWN);
    await db.query(ACCESS_AUDIT_TABLE_DOWN);
    await db.query(MESSAGING_TABLES_DOWN);
    await db.query('DROP TABLE assessment; DROP TABLE visit_facts; DROP TABLE pregnancy_facts;');
  }
}
