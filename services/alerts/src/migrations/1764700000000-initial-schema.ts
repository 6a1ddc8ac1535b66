import { ACCESS_AUDIT_TABLE_DOWN, ACCESS_AUDIT_TABLE_UP } from '@siaga/auth';
import { IDEMPOTENCY_TABLE_DOWN, IDEMPOTENCY_TABLE_UP } from '@siaga/http';
import { MESSAGING_TABLES_DOWN, MESSAGING_TABLES_UP } from '@siaga/messaging';
import { NOTIFICATION_TABLES_DOWN, NOTIFICATION_TABLES_UP } from '@siaga/notifications';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764700000000 implements MigrationInterface {
  name = 'InitialSchema1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- What a doctor needs to see about the woman behind an alert, built from registration's and risk scoring's
      -- events (never from their tables). A row exists as soon as any event about the pregnancy arrived.
      CREATE TABLE pregnancy_summary (
        pregnancy_id uuid PRIMARY KEY,
        -- Sequence of the PregnancySnapshotV1 applied (0: none yet, so the alert cannot be routed).
        snapshot_sequence bigint NOT NULL DEFAULT 0,
        mother_name text,
        village_code text,
        village_name text,
        district_name text,
        health_center_id uuid,
        midwife_id uuid,
        hpht date,
        hpl date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        outcome text,
        closed_at timestamptz,
        last_visit_date date,
        score int,
        category text CHECK (category IN ('KRR', 'KRT', 'KRST')),
        assessment_id uuid,
        assessed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE alert (
        id uuid PRIMARY KEY,
        pregnancy_id uuid NOT NULL REFERENCES pregnancy_summary (pregnancy_id),
        kind text NOT NULL CHECK (kind IN ('danger-sign', 'risk-rise', 'overdue-visit')),
        severity text NOT NULL CHECK (severity IN ('emergency', 'high', 'medium', 'low')),
        -- 0 emergency .. 3 low: the triage order, indexable.
        severity_rank smallint NOT NULL CHECK (severity_rank BETWEEN 0 AND 3),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved', 'closed')),
        findings jsonb NOT NULL,
        score int NOT NULL,
        category text NOT NULL CHECK (category IN ('KRR', 'KRT', 'KRST')),
        -- Second guard after the inbox: one alert per raising assessment, whatever happens to the inbox.
        raised_by_assessment_id uuid NOT NULL UNIQUE,
        last_assessment_id uuid NOT NULL,
        -- Routing, copied from the pregnancy's snapshot; NULL until it is known (then the alert waits, unseen by doctors).
        health_center_id uuid,
        village_code text,
        midwife_id uuid,
        raised_at timestamptz NOT NULL,
        routed_at timestamptz,
        updated_at timestamptz NOT NULL,
        -- Bumped on every change: the live feed's event id.
        version int NOT NULL DEFAULT 1,
        acknowledged_by text,
        acknowledged_by_name text,
        acknowledged_at timestamptz,
        -- The acknowledgement deadline the health center was given.
        acknowledge_by timestamptz,
        -- The escalation timer: due time of the next escalation while open and routed, else NULL.
        escalate_at timestamptz,
        escalation_level int NOT NULL DEFAULT 0,
        last_escalated_at timestamptz,
        decision text CHECK (decision IN ('monitor', 'schedule-visit', 'refer', 'false-alarm')),
        decision_details jsonb,
        resolved_by text,
        resolved_by_name text,
        resolved_at timestamptz,
        close_reason text CHECK (close_reason IN ('referral-completed', 'pregnancy-closed')),
        referral_id uuid,
        closed_at timestamptz,
        CONSTRAINT alert_timer_only_while_open CHECK (escalate_at IS NULL OR status = 'open')
      );
      -- One open alert per pregnancy and kind: new findings update it instead of piling up duplicates.
      CREATE UNIQUE INDEX alert_one_open_per_kind ON alert (pregnancy_id, kind) WHERE status IN ('open', 'acknowledged');
      -- Triage lists: most urgent, then oldest first, per health center (keyset pagination on the same columns).
      CREATE INDEX alert_triage_active ON alert (health_center_id, severity_rank, raised_at, id) WHERE status IN ('open', 'acknowledged');
      CREATE INDEX alert_triage_all ON alert (health_center_id, severity_rank, raised_at, id);
      CREATE INDEX alert_by_village ON alert (village_code, severity_rank, raised_at, id);
      CREATE INDEX alert_by_midwife ON alert (midwife_id, severity_rank, raised_at, id);
      CREATE INDEX alert_by_pregnancy ON alert (pregnancy_id);
      -- The escalation worker's scan: only alerts with a running timer.
      CREATE INDEX alert_escalation_due ON alert (escalate_at) WHERE escalate_at IS NOT NULL;

      -- Every transition with who and when: the audit trail of a decision. Append-only.
      CREATE TABLE alert_transition (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert (id),
        pregnancy_id uuid NOT NULL,
        transition text NOT NULL CHECK (transition IN ('raised', 'updated', 'acknowledged', 'released', 'escalated', 'resolved', 'closed')),
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_name text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- The event that told the others (outbox id = CloudEvents id).
        event_id uuid NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX alert_transition_alert ON alert_transition (alert_id, id);
      CREATE FUNCTION alert_transition_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'alert_transition is append-only';
      END $$;
      CREATE TRIGGER alert_transition_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON alert_transition
        FOR EACH STATEMENT EXECUTE FUNCTION alert_transition_is_append_only();

      -- The live feed: every committed change of an alert is announced to every instance's listener.
      CREATE FUNCTION alert_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('siaga_alerts_' || current_schema(), json_build_object('alertId', NEW.id, 'version', NEW.version)::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER alert_changed AFTER INSERT OR UPDATE ON alert FOR EACH ROW EXECUTE FUNCTION alert_changed_notify();
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
      DROP TRIGGER alert_changed ON alert;
      DROP FUNCTION alert_changed_notify();
      DROP TABLE alert_transition;
      DROP FUNCTION alert_transition_is_append_only();
      DROP TABLE alert;
      DROP TABLE pregnancy_summary;
    `);
  }
}

/** LISTEN channel of the live feed (see alert_changed_notify). */
export const alertChangesChannel = (schema: string): string => `siaga_alerts_${schema}`;
