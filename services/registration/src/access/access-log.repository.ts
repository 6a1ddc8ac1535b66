import { Injectable } from '@nestjs/common';
import type { AccessRecordedV1 } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';

export interface AccessLogEntry {
  at: string;
  /** The service that served the request. */
  service: string;
  userId: string;
  role: string;
  action: string;
  resource: string | null;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  requestId: string;
}

export interface ReceivedAccess extends AccessRecordedV1 {
  eventId: string;
}

// A redelivered event is already dropped by the inbox; the key keeps a replayed one from counting twice anyway.
const APPEND_SQL = `
INSERT INTO system_access_log (event_id, service, at, user_id, role, scope, action, pregnancy_id, resource, outcome, reason, request_id)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::uuid[],
                     $9::text[], $10::text[], $11::text[], $12::text[])
ON CONFLICT (event_id) DO NOTHING`;

// Registration's own audit and what the other services reported, newest first; each side is served by its
// (pregnancy_id, at) index and cut at the limit before they are merged.
const FOR_PREGNANCY_SQL = `
SELECT at, service, user_id AS "userId", role, action, resource, outcome, reason, request_id AS "requestId" FROM (
  (SELECT at, 'registration' AS service, user_id, role, action, resource, outcome, reason, request_id
   FROM access_audit WHERE pregnancy_id = $1 ORDER BY at DESC, id DESC LIMIT $2)
  UNION ALL
  (SELECT at, service, user_id, role, action, resource, outcome, reason, request_id
   FROM system_access_log WHERE pregnancy_id = $1 ORDER BY at DESC LIMIT $2)
) entries
ORDER BY at DESC LIMIT $2`;

/** The system-wide access log of each pregnancy: registration's own audit plus the other services' records. */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly tx: TransactionContext) {}

  async append(records: readonly ReceivedAccess[]): Promise<void> {
    if (records.length === 0) return;
    const column = <T>(pick: (r: ReceivedAccess) => T) => records.map(pick);
    await this.tx.manager.query(APPEND_SQL, [
      column((r) => r.eventId),
      column((r) => r.service),
      column((r) => r.at),
      column((r) => r.userId),
      column((r) => r.role),
      column((r) => JSON.stringify(r.scope)),
      column((r) => r.action),
      column((r) => r.pregnancyId),
      column((r) => r.resource ?? null),
      column((r) => r.outcome),
      column((r) => r.reason ?? null),
      column((r) => r.requestId),
    ]);
  }

  async forPregnancy(pregnancyId: string, limit: number): Promise<AccessLogEntry[]> {
    const rows = await queryRows<Omit<AccessLogEntry, 'at'> & { at: Date }>(this.tx.manager, FOR_PREGNANCY_SQL, [pregnancyId, limit]);
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
