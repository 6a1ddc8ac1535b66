/**
 * DDL of the outbox and inbox, created by each service's own migration in its own schema.
 * Kept as SQL text here so every service gets the same tables and the relay's queries match them.
 */
export const MESSAGING_TABLES_UP = `
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  position bigserial NOT NULL,
  subject text NOT NULL,
  topic text NOT NULL,
  sequence bigint NOT NULL,
  type text NOT NULL,
  source text NOT NULL,
  time timestamptz NOT NULL,
  payload jsonb NOT NULL,
  published_at timestamptz,
  CONSTRAINT outbox_subject_sequence UNIQUE (topic, subject, sequence)
);
CREATE INDEX outbox_pending ON outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_pending_subject ON outbox (subject, topic, sequence) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Per-stream counter: the row lock taken by the upsert orders one subject's writers.
CREATE TABLE event_sequence (
  topic text NOT NULL,
  subject text NOT NULL,
  last_sequence bigint NOT NULL,
  PRIMARY KEY (topic, subject)
);

CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('siaga_outbox_' || current_schema(), '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE inbox (
  consumer_group text NOT NULL,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX inbox_processed_at ON inbox (processed_at);

CREATE TABLE inbox_sequence (
  consumer_group text NOT NULL,
  topic text NOT NULL,
  subject text NOT NULL,
  last_sequence bigint NOT NULL,
  PRIMARY KEY (consumer_group, topic, subject)
);

-- Gaps and reorderings seen by consumers: detected and kept, never silently applied.
CREATE TABLE sequence_anomaly (
  id bigserial PRIMARY KEY,
  consumer_group text NOT NULL,
  topic text NOT NULL,
  subject text NOT NULL,
  event_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gap', 'out-of-order')),
  expected_sequence bigint NOT NULL,
  received_sequence bigint NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now()
);
`;

export const MESSAGING_TABLES_DOWN = `
DROP TABLE sequence_anomaly;
DROP TABLE inbox_sequence;
DROP TABLE inbox;
DROP TRIGGER outbox_inserted ON outbox;
DROP FUNCTION outbox_notify();
DROP TABLE event_sequence;
DROP TABLE outbox;
`;
