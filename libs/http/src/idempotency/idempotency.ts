/** Stored results of POSTs by (caller, Idempotency-Key): a retried request gets the first answer. */
export const IDEMPOTENCY_TABLE_UP = `
CREATE TABLE idempotency_key (
  user_id text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code int,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
`;

export const IDEMPOTENCY_TABLE_DOWN = `DROP TABLE idempotency_key;`;
