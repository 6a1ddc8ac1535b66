import { ACCESS_AUDIT_TABLE_DOWN, ACCESS_AUDIT_TABLE_UP } from '@siaga/auth';
import { IDEMPOTENCY_TABLE_DOWN, IDEMPOTENCY_TABLE_UP } from '@siaga/http';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '@siaga/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mother (
        id uuid PRIMARY KEY,
        nik char(16) NOT NULL UNIQUE,
        nik_district_unverified boolean NOT NULL DEFAULT false,
        name text NOT NULL,
        birth_date date NOT NULL,
        phone text NOT NULL,
        street text NOT NULL,
        village_code text NOT NULL,
        village_name text NOT NULL,
        district_name text NOT NULL,
        regency_name text NOT NULL,
        latitude double precision,
        longitude double precision,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE pregnancy (
        id uuid PRIMARY KEY,
        mother_id uuid NOT NULL REFERENCES mother (id),
        status text NOT NULL CHECK (status IN ('active', 'closed')),
        village_code text NOT NULL,
        health_center_id uuid NOT NULL,
        midwife_id uuid NOT NULL,
        height_cm numeric,
        hpht date NOT NULL,
        hpl date NOT NULL,
        history jsonb NOT NULL,
        conditions text[] NOT NULL DEFAULT '{}',
        birth_plan jsonb,
        visit_count int NOT NULL DEFAULT 0,
        last_visit_date date,
        next_visit_due date NOT NULL DEFAULT 'infinity', -- 'infinity': nothing due (keeps keyset sorting NULL-free)
        risk_category text CHECK (risk_category IN ('KRR', 'KRT', 'KRST')),
        risk_score int,
        has_emergency boolean NOT NULL DEFAULT false,
        assessed_at timestamptz,
        outcome text CHECK (outcome IN ('delivered', 'miscarriage', 'stillbirth', 'maternal-death', 'moved-away')),
        closed_at timestamptz,
        closing_note text,
        registered_on date NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      );
      -- One active pregnancy per woman (a second registration is a 409 naming this one).
      CREATE UNIQUE INDEX pregnancy_one_active_per_mother ON pregnancy (mother_id) WHERE status = 'active';
      -- Caseload: scope (village / health center) + filter + keyset sort, all on indexes.
      CREATE INDEX pregnancy_village_hpl ON pregnancy (village_code, status, hpl, id);
      CREATE INDEX pregnancy_village_due ON pregnancy (village_code, status, next_visit_due, id);
      CREATE INDEX pregnancy_village_registered ON pregnancy (village_code, status, registered_at, id);
      CREATE INDEX pregnancy_center_hpl ON pregnancy (health_center_id, status, hpl, id);
      CREATE INDEX pregnancy_center_due ON pregnancy (health_center_id, status, next_visit_due, id);
      CREATE INDEX pregnancy_center_registered ON pregnancy (health_center_id, status, registered_at, id);

      CREATE TABLE visit (
        id uuid PRIMARY KEY,
        pregnancy_id uuid NOT NULL REFERENCES pregnancy (id),
        visit_date date NOT NULL,
        facts jsonb NOT NULL,
        notes text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX visit_pregnancy_date ON visit (pregnancy_id, visit_date);
    `);
    await db.query(MESSAGING_TABLES_UP);
    await db.query(ACCESS_AUDIT_TABLE_UP);
    await db.query(IDEMPOTENCY_TABLE_UP);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(IDEMPOTENCY_TABLE_DOWN);
    await db.query(ACCESS_AUDIT_TABLE_DOWN);
    await db.query(MESSAGING_TABLES_DOWN);
    await db.query('DROP TABLE visit; DROP TABLE pregnancy; DROP TABLE mother;');
  }
}
