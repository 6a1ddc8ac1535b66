import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool, type Client } from 'pg';
import { GroupCommit } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from './principal';

export type AccessOutcome = 'allowed' | 'denied';

export interface AccessRecord {
  actor: Pick<Actor, 'userId' | 'role' | 'healthCenterId' | 'villageCodes' | 'facilityId' | 'responderId' | 'requestId'>;
  /** What was done, e.g. "pregnancy.read", "visit.create". */
  action: string;
  pregnancyId?: string | null;
  outcome: AccessOutcome;
  reason?: string;
}

/**
 * Append-only access log, apart from the clinical tables, so "who looked at my record?" has an answer.
 * Updates and deletes are refused by a trigger; the service's database role should also lack them.
 */
export const ACCESS_AUDIT_TABLE_UP = `
CREATE TABLE access_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text NOT NULL,
  role text NOT NULL,
  scope jsonb NOT NULL,
  action text NOT NULL,
  pregnancy_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
  reason text,
  request_id text NOT NULL
);
CREATE INDEX access_audit_pregnancy ON access_audit (pregnancy_id, at) WHERE pregnancy_id IS NOT NULL;
CREATE INDEX access_audit_user ON access_audit (user_id, at);
CREATE FUNCTION access_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_audit is append-only';
END $$;
CREATE TRIGGER access_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_audit
  FOR EACH STATEMENT EXECUTE FUNCTION access_audit_is_append_only();
`;

export const ACCESS_AUDIT_TABLE_DOWN = `
DROP TABLE access_audit;
DROP FUNCTION access_audit_is_append_only();
`;

const INSERT_SQL = `
INSERT INTO access_audit (user_id, role, scope, action, pregnancy_id, outcome, reason, request_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[])`;

export interface AccessLogEntry {
  at: string;
  userId: string;
  role: string;
  action: string;
  outcome: AccessOutcome;
  reason: string | null;
  requestId: string;
}

@Injectable()
export class AccessAudit implements OnModuleDestroy {
  /**
   * A pool of its own: the audit is written outside the caller's transaction (a denial is kept even
   * though the request fails), and taking a second connection from the service's pool while holding one
   * deadlocks as soon as every connection is held by a request waiting for its audit write.
   */
  private readonly pool: Pool;
  // One INSERT at a time, on the pool's one connection (see record).
  private readonly writes = new GroupCommit<AccessRecord[], void>(
    async (batch) => {
      await this.insert(batch.flat());
      return batch.map(() => ({ ok: true, value: undefined }));
    },
    { maxBatch: 1000, maxConcurrent: 1 },
  );

  constructor(private readonly dataSource: DataSource) {
    const options = dataSource.options as {
      url?: string;
      extra?: { options?: string; application_name?: string; Client?: typeof Client };
    };
    this.pool = new Pool({
      Client: options.extra?.Client, // the service's client: the audit INSERT, one per request, is prepared too
      connectionString: options.url,
      options: options.extra?.options,
      application_name: `${options.extra?.application_name ?? 'siaga'}-audit`,
      max: 1, // one write at a time; records queue behind it (see record)
      connectionTimeoutMillis: 10_000,
    });
    this.pool.on('error', () => undefined); // a broken idle connection is replaced on next use
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Written outside the caller's transaction: a denial is kept even though the request fails. Resolves once
   * the record is committed. Records that arrive while a write is in flight go together in the next one
   * (group commit): under load one INSERT and one commit carry many requests' records, at no added wait.
   */
  record(...records: AccessRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.writes.submit(records);
  }

  private async insert(records: AccessRecord[]): Promise<void> {
    const column = <T>(pick: (r: AccessRecord) => T) => records.map(pick);
    await this.pool.query(INSERT_SQL, [
      column((r) => r.actor.userId),
      column((r) => r.actor.role),
      column((r) =>
        JSON.stringify({
          healthCenterId: r.actor.healthCenterId ?? null,
          villageCodes: r.actor.villageCodes,
          facilityId: r.actor.facilityId ?? null,
          responderId: r.actor.responderId ?? null,
        }),
      ),
      column((r) => r.action),
      column((r) => r.pregnancyId ?? null),
      column((r) => r.outcome),
      column((r) => r.reason ?? null),
      column((r) => r.actor.requestId),
    ]);
  }

  async forPregnancy(pregnancyId: string, limit = 200): Promise<AccessLogEntry[]> {
    const rows: (Omit<AccessLogEntry, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT at, user_id AS "userId", role, action, outcome, reason, request_id AS "requestId"
       FROM access_audit WHERE pregnancy_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [pregnancyId, limit],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
