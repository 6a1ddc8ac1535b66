/**
 * DDL of the notification queue, its delivery log and the recipient directory, created by each service's own
 * migration in its own schema (like the outbox). Timers live here: `next_attempt_at` is the only clock.
 */
export const NOTIFICATION_TABLES_UP = `
CREATE TABLE notification (
  id uuid PRIMARY KEY,
  -- Enqueuing the same key again adds nothing: a redelivered event notifies once.
  dedup_key text NOT NULL UNIQUE,
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('midwife', 'doctor', 'on-call', 'responder', 'hospital')),
  recipient_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('webhook', 'sms', 'whatsapp')),
  address text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  -- Due time of the next attempt while pending (also the lease of an attempt in flight); NULL once settled.
  next_attempt_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  failed_at timestamptz,
  CONSTRAINT notification_due_when_pending CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_recipient ON notification (recipient_kind, recipient_id, created_at);
CREATE INDEX notification_settled ON notification (status, updated_at) WHERE status <> 'pending';

-- Every attempt, successful or not: what an operator reads when a midwife says "I got nothing".
CREATE TABLE notification_delivery (
  id bigserial PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
  attempt int NOT NULL,
  at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
  status_code int,
  error text,
  duration_ms int NOT NULL,
  dispatcher text NOT NULL,
  -- Stored, not enforced unique: a stale instance past its lease may still report the same attempt.
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_delivery_notification ON notification_delivery (notification_id, attempt);

-- Where each recipient is reached, per channel (managed through the admin API, /notification-endpoints).
CREATE TABLE recipient_endpoint (
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('midwife', 'doctor', 'on-call', 'responder', 'hospital')),
  recipient_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('webhook', 'sms', 'whatsapp')),
  address text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (recipient_kind, recipient_id, channel)
);

CREATE FUNCTION notification_enqueued_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('siaga_notify_' || current_schema(), '');
  RETURN NULL;
END $$;
CREATE TRIGGER notification_enqueued AFTER INSERT ON notification FOR EACH STATEMENT EXECUTE FUNCTION notification_enqueued_notify();
`;

export const NOTIFICATION_TABLES_DOWN = `
DROP TRIGGER notification_enqueued ON notification;
DROP FUNCTION notification_enqueued_notify();
DROP TABLE recipient_endpoint;
DROP TABLE notification_delivery;
DROP TABLE notification;
`;

export const notificationChannel = (schema: string): string => `siaga_notify_${schema}`;
