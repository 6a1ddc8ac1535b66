import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import type { AccessRecordedV1, EventName } from '@siaga/contracts';
import { MessagingLifecycle, OutboxWriter, type NewEvent } from '@siaga/messaging';
import { Pool, type Client } from 'pg';
import { GroupCommit, type SqlExecutor } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from './principal';

export type AccessOutcome = 'allowed' | 'denied';

export interface AccessRecord {
  actor: Pick<Actor, 'userId' | 'role' | 'healthCenterId' | 'villageCodes' | 'facilityId' | 'responderId' | 'requestId'>;
  /** What was done, e.g. "pregnancy.read", "visit.create". */
  action: string;
  /** Only ever a pregnancy id: the record shows in her access log. */
  pregnancyId?: string | null;
  /** Anything else the request was aimed at (a referral, an escort request, a recipient's endpoint). */
  resource?: string | null;
  outcome: AccessOutcome;
  reason?: string;
}

/** The catalog events access records go out as, one per producing service. */
export type AccessRecordedEventName = Extract<EventName, `${string}AccessRecorded`>;

/**
 * A service whose access records naming a pregnancy also go out as events (registration keeps them all, so
 * "who looked at her record?" is answered for the whole system). Set with `AuthModule.forService`.
 */
export interface AccessAuditPublication {
  /** Named on each record, e.g. "alerts". */
  service: string;
  event: AccessRecordedEventName;
}
export const ACCESS_AUDIT_PUBLICATION = Symbol('ACCESS_AUDIT_PUBLICATION');

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

/** What a record was aimed at other than a pregnancy: the pregnancy column holds pregnancy ids only. */
export const ACCESS_AUDIT_RESOURCE_UP = `ALTER TABLE access_audit ADD COLUMN resource text;`;
export const ACCESS_AUDIT_RESOURCE_DOWN = `ALTER TABLE access_audit DROP COLUMN resource;`;

// One batch's records share one time: the moment its write began, as now() would give them in its transaction.
const INSERT_SQL = `
INSERT INTO access_audit (at, user_id, role, scope, action, pregnancy_id, resource, outcome, reason, request_id)
SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[])`;

export interface AccessLogEntry {
  at: string;
  userId: string;
  role: string;
  action: string;
  outcome: AccessOutcome;
  reason: string | null;
  requestId: string;
  resource?: string | null;
}

const scopeOf = (actor: AccessRecord['actor']): AccessRecordedV1['scope'] => ({
  healthCenterId: actor.healthCenterId ?? null,
  villageCodes: actor.villageCodes,
  facilityId: actor.facilityId ?? null,
  responderId: actor.responderId ?? null,
});

@Injectable()
export class AccessAudit implements OnModuleDestroy {
  /**
   * A pool of its own: the audit is written outside the caller's transaction (a denial is kept even
   * though the request fails), and taking a second connection from the service's pool while holding one
   * deadlocks as soon as every connection is held by a request waiting for its audit write.
   */
  private readonly pool: Pool;
  /** The pool as the outbox writer takes an executor (TypeORM's query answers rows). */
  private readonly poolExecutor: SqlExecutor = {
    query: async (sql: string, parameters?: unknown[]): Promise<unknown[]> => (await this.pool.query(sql, parameters)).rows as unknown[],
  };
  // One INSERT at a time, on the pool's one connection (see record).
  private readonly writes = new GroupCommit<AccessRecord[], void>(
    async (batch) => {
      await this.insert(batch.flat());
      return batch.map(() => ({ ok: true, value: undefined }));
    },
    { maxBatch: 1000, maxConcurrent: 1 },
  );

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(ACCESS_AUDIT_PUBLICATION) private readonly publication?: AccessAuditPublication,
    @Optional() private readonly outbox?: OutboxWriter,
    @Optional() private readonly messaging?: MessagingLifecycle,
  ) {
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
    const at = new Date();
    const column = <T>(pick: (r: AccessRecord) => T) => records.map(pick);
    const parameters = [
      at,
      column((r) => r.actor.userId),
      column((r) => r.actor.role),
      column((r) => JSON.stringify(scopeOf(r.actor))),
      column((r) => r.action),
      column((r) => r.pregnancyId ?? null),
      column((r) => r.resource ?? null),
      column((r) => r.outcome),
      column((r) => r.reason ?? null),
      column((r) => r.actor.requestId),
    ];
    const events = this.eventsOf(records, at);
    if (events.length === 0) {
      await this.pool.query(INSERT_SQL, parameters);
      return;
    }
    // The records and their events in one statement: none is published that was not kept, none kept unpublished,
    // at one round trip and one commit (a transaction around two statements cost ~1.7 ms more per write).
    await this.outbox!.appendAlong(this.poolExecutor, { sql: INSERT_SQL, parameters }, events);
    this.messaging?.relay.wakeSoon(); // written outside TypeORM: its commit hook does not see this statement
  }

  /** The records naming a pregnancy, as events, when this service publishes them. */
  private eventsOf(records: AccessRecord[], at: Date): NewEvent<AccessRecordedEventName>[] {
    const publication = this.publication;
    if (!publication || !this.outbox) return [];
    return records.flatMap((r) =>
      r.pregnancyId
        ? [
            {
              name: publication.event,
              subject: r.pregnancyId,
              data: {
                service: publication.service,
                at: at.toISOString(),
                userId: r.actor.userId,
                role: r.actor.role,
                scope: scopeOf(r.actor),
                action: r.action,
                pregnancyId: r.pregnancyId,
                resource: r.resource ?? null,
                outcome: r.outcome,
                reason: r.reason ?? null,
                requestId: r.actor.requestId,
              },
            },
          ]
        : [],
    );
  }

  async forPregnancy(pregnancyId: string, limit = 200): Promise<AccessLogEntry[]> {
    const rows: (Omit<AccessLogEntry, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT at, user_id AS "userId", role, action, resource, outcome, reason, request_id AS "requestId"
       FROM access_audit WHERE pregnancy_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [pregnancyId, limit],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
