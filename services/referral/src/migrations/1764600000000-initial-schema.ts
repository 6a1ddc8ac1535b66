import { ACCESS_AUDIT_TABLE_DOWN, ACCESS_AUDIT_TABLE_UP } from '@siaga/auth';
import { IDEMPOTENCY_TABLE_DOWN, IDEMPOTENCY_TABLE_UP } from '@siaga/http';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '@siaga/messaging';
import { NOTIFICATION_TABLES_DOWN, NOTIFICATION_TABLES_UP } from '@siaga/notifications';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764600000000 implements MigrationInterface {
  name = 'InitialSchema1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Registry: where women can be sent and who can bring them.
      CREATE TABLE village (
        code text PRIMARY KEY, -- 35.10.20.2001 (Kepmendagri)
        name text NOT NULL,
        district_code text NOT NULL,
        district_name text NOT NULL,
        -- Approximate centre: where a pickup without GPS is assumed to be (distance to hospitals, nearby responders).
        latitude double precision,
        longitude double precision
      );

      CREATE TABLE facility (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('puskesmas', 'polindes', 'hospital')),
        name text NOT NULL,
        address text,
        village_code text,
        latitude double precision,
        longitude double precision,
        phone text,
        capabilities text[] NOT NULL DEFAULT '{}',
        -- Region codes at any level (35.10 regency, 35.10.20 district, 35.10.20.2001 village).
        served_areas text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX facility_active_hospitals ON facility (id) WHERE kind = 'hospital' AND active;

      CREATE TABLE responder (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('police-unit', 'police-officer', 'volunteer', 'village-ambulance')),
        name text NOT NULL,
        organisation text,
        phone text,
        village_codes text[] NOT NULL DEFAULT '{}',
        latitude double precision,
        longitude double precision,
        on_duty boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX responder_on_duty_villages ON responder USING gin (village_codes) WHERE active AND on_duty;

      -- This service's picture of each pregnancy, from registration's and risk scoring's events.
      CREATE TABLE pregnancy_fact (
        pregnancy_id uuid PRIMARY KEY,
        -- Who she is, for the receiving hospital (never for escorts).
        mother_name text,
        mother_birth_date date,
        village_code text,
        village_name text,
        district_name text,
        health_center_id uuid,
        midwife_id uuid,
        hpl date,
        history jsonb,
        conditions text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        risk_category text CHECK (risk_category IN ('KRR', 'KRT', 'KRST')),
        risk_score int,
        -- Rule ids present in the latest assessment (KSPR factors, WHO emergencies): what a hospital must handle.
        risk_rule_ids text[] NOT NULL DEFAULT '{}',
        emergency_rule_ids text[] NOT NULL DEFAULT '{}',
        assessed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- The planned-referral job scans only open KRST pregnancies by due date.
      CREATE INDEX pregnancy_fact_krst_hpl ON pregnancy_fact (hpl) WHERE status = 'open' AND risk_category = 'KRST';

      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        pregnancy_id uuid NOT NULL,
        origin text NOT NULL CHECK (origin IN ('clinician', 'alert', 'planned')),
        alert_id uuid UNIQUE, -- one referral per resolved alert, however often the event comes
        health_center_id uuid NOT NULL,
        village_code text NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('emergency', 'planned')),
        reason text NOT NULL,
        icd10 text,
        treatment_given text,
        history_summary text,
        required_capabilities text[] NOT NULL,
        transport_needed boolean NOT NULL,
        pickup jsonb NOT NULL, -- village code/name, district, address, GPS
        contact_phone text,
        pickup_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('offered', 'accepted', 'escalated', 'completed', 'cancelled')),
        attempt int NOT NULL DEFAULT 0,
        current_hospital_id uuid REFERENCES facility (id),
        -- Deadline of the pending offer: the cascade timer's key (NULL unless status = 'offered').
        respond_by timestamptz,
        accepted_at timestamptz,
        escalated_at timestamptz,
        arrived_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_offer_has_deadline CHECK (status <> 'offered' OR respond_by IS NOT NULL)
      );
      -- One open referral per woman: a second request names the first (409).
      CREATE UNIQUE INDEX referral_one_open_per_pregnancy ON referral (pregnancy_id) WHERE status IN ('offered', 'accepted', 'escalated');
      -- The planned-referral job creates at most one per pregnancy, whatever instances race.
      CREATE UNIQUE INDEX referral_one_planned_per_pregnancy ON referral (pregnancy_id) WHERE origin = 'planned';
      CREATE INDEX referral_due ON referral (respond_by) WHERE status = 'offered';
      CREATE INDEX referral_pregnancy ON referral (pregnancy_id, created_at);
      CREATE INDEX referral_health_center ON referral (health_center_id, created_at);
      CREATE INDEX referral_village ON referral (village_code, created_at);

      -- Attempt n of a referral: one hospital, its deadline and its answer.
      CREATE TABLE referral_offer (
        referral_id uuid NOT NULL REFERENCES referral (id),
        attempt int NOT NULL,
        hospital_id uuid NOT NULL REFERENCES facility (id),
        hospital_name text NOT NULL,
        distance_km double precision,
        chosen_by_district boolean NOT NULL DEFAULT false,
        offered_at timestamptz NOT NULL,
        respond_by timestamptz NOT NULL,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'accepted', 'declined', 'timed-out', 'withdrawn')),
        answered_at timestamptz,
        answered_by text,
        decline_reason text,
        decline_note text,
        PRIMARY KEY (referral_id, attempt)
      );
      CREATE INDEX referral_offer_hospital ON referral_offer (hospital_id, referral_id);

      -- Every step of every referral and escort, kept for good.
      CREATE TABLE referral_step (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral (id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        attempt int,
        hospital_id uuid,
        escort_id uuid,
        actor text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX referral_step_referral ON referral_step (referral_id, id);
      CREATE FUNCTION referral_step_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'referral_step is append-only';
      END $$;
      CREATE TRIGGER referral_step_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON referral_step
        FOR EACH STATEMENT EXECUTE FUNCTION referral_step_is_append_only();

      -- Escort requests: only what an escort may see, copied here so the escort side never reads the referral.
      CREATE TABLE escort (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral (id),
        status text NOT NULL CHECK (status IN ('offered', 'escalated', 'accepted', 'en-route', 'picked-up', 'arrived', 'cancelled')),
        urgency text NOT NULL CHECK (urgency IN ('emergency', 'planned')),
        pickup jsonb NOT NULL,
        contact_phone text,
        destination jsonb NOT NULL,
        destination_facility_id uuid NOT NULL REFERENCES facility (id),
        pickup_at timestamptz NOT NULL,
        wave text NOT NULL CHECK (wave IN ('village', 'district')),
        respond_by timestamptz NOT NULL,
        responder_id uuid REFERENCES responder (id),
        requested_at timestamptz NOT NULL,
        accepted_at timestamptz,
        en_route_at timestamptz,
        picked_up_at timestamptz,
        arrived_at timestamptz,
        escalated_at timestamptz,
        cancelled_at timestamptz,
        cancelled_by text,
        cancel_reason text,
        cancel_note text,
        last_latitude double precision,
        last_longitude double precision,
        CONSTRAINT escort_holder CHECK (status IN ('offered', 'escalated', 'cancelled') OR responder_id IS NOT NULL)
      );
      CREATE UNIQUE INDEX escort_one_active_per_referral ON escort (referral_id) WHERE status NOT IN ('arrived', 'cancelled');
      CREATE INDEX escort_due ON escort (respond_by) WHERE status = 'offered';
      CREATE INDEX escort_responder ON escort (responder_id, requested_at) WHERE responder_id IS NOT NULL;

      CREATE TABLE escort_offer (
        escort_id uuid NOT NULL REFERENCES escort (id),
        responder_id uuid NOT NULL REFERENCES responder (id),
        wave text NOT NULL CHECK (wave IN ('village', 'district')),
        offered_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
        answered_at timestamptz,
        PRIMARY KEY (escort_id, responder_id)
      );
      CREATE INDEX escort_offer_open ON escort_offer (responder_id, offered_at) WHERE status = 'open';

      -- What the escort reported, with time and position: en-route, picked-up, arrived.
      CREATE TABLE escort_report (
        id bigserial PRIMARY KEY,
        escort_id uuid NOT NULL REFERENCES escort (id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        latitude double precision,
        longitude double precision,
        reported_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX escort_report_escort ON escort_report (escort_id, id);
    `);
    await db.query(MESSAGING_TABLES_UP);
    await db.query(ACCESS_AUDIT_TABLE_UP);
    await db.query(IDEMPOTENCY_TABLE_UP);
    await db.query(NOTIFICATION_TABLES_UP);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(NOTIFICATION_TABLES_DOWN);
    await db.query(IDEMPOTENCY_TABLE_DOWN);
    await db.query(ACCESS_AUDIT_TABLE_DOWN);
    await db.query(MESSAGING_TABLES_DOWN);
    await db.query(`
      DROP TABLE escort_report; DROP TABLE escort_offer; DROP TABLE escort;
      DROP TABLE referral_step; DROP FUNCTION referral_step_is_append_only();
      DROP TABLE referral_offer; DROP TABLE referral; DROP TABLE pregnancy_fact;
      DROP TABLE responder; DROP TABLE facility; DROP TABLE village;
    `);
  }
}
