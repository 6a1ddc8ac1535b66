import { Injectable } from '@nestjs/common';
import type { AncVisitV1, FindingV1, PregnancyOutcome, PregnancySnapshotV1, RiskCategory } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import type { AssessmentOutcome } from '@risk-scoring/assessment/change-detection';
import { PregnancyFactsEntity } from './pregnancy-facts.entity';
import type { FactsStatus, PregnancyFacts } from './pregnancy-facts';

/** The outcome of the latest stored assessment, what a new one is compared with. */
export interface LatestOutcome extends AssessmentOutcome {
  readonly category: RiskCategory;
}

export interface LockedFacts {
  readonly facts: PregnancyFacts;
  readonly latest: LatestOutcome | null;
}

/** A visit applied to the facts, to store. */
export interface NewVisitFact {
  readonly pregnancyId: string;
  readonly visit: AncVisitV1;
  readonly sequence: number;
}

interface FactsRow {
  pregnancy_id: string;
  snapshot: PregnancySnapshotV1 | null;
  snapshot_sequence: number;
  status: FactsStatus;
  outcome: PregnancyOutcome | null;
  closed_at: Date | null;
  last_sequence: number;
  visits: AncVisitV1[];
  latest: { score: number; category: RiskCategory; emergencies: FindingV1[]; warnings: FindingV1[] } | null;
}

// Facts, every visit and the latest assessment's outcome in one round trip; the facts row stays locked until
// commit, so the consumer and a re-score never assess one pregnancy at the same time.
const SELECT_LOCKED = `
SELECT f.pregnancy_id, f.snapshot, f.snapshot_sequence, f.status, f.outcome, f.closed_at, f.last_sequence,
       COALESCE(v.visits, '[]'::jsonb) AS visits,
       CASE WHEN a.score IS NULL THEN NULL
            ELSE jsonb_build_object('score', a.score, 'category', a.category, 'emergencies', a.emergencies, 'warnings', a.warnings)
       END AS latest
FROM pregnancy_facts f
LEFT JOIN LATERAL (
  SELECT jsonb_agg(vf.facts ORDER BY vf.visit_date, vf.sequence) AS visits FROM visit_facts vf WHERE vf.pregnancy_id = f.pregnancy_id
) v ON true
LEFT JOIN LATERAL (
  SELECT score, category, emergencies, warnings FROM assessment WHERE pregnancy_id = f.pregnancy_id ORDER BY position DESC LIMIT 1
) a ON true`;

// Locked in id order, like the re-score's pages, so two writers never wait on each other in a circle.
const LOCK_MANY_SQL = `${SELECT_LOCKED} WHERE f.pregnancy_id = ANY($1::uuid[]) ORDER BY f.pregnancy_id FOR UPDATE OF f`;

// Keyset page over open pregnancies (served by the partial index pregnancy_facts_open).
const LOCK_OPEN_PAGE_SQL = `${SELECT_LOCKED}
WHERE f.status = 'open' AND f.snapshot IS NOT NULL AND f.pregnancy_id > $1
ORDER BY f.pregnancy_id LIMIT $2 FOR UPDATE OF f`;

// A monotone merge, the SQL twin of applyChange: whatever order two writers commit in, the newer snapshot
// and the closure win. One statement for many pregnancies (each once) and their new visits (keyed by visit
// id, so a replay adds nothing).
const SAVE_MANY_SQL = `
WITH facts AS (
  INSERT INTO pregnancy_facts AS p (pregnancy_id, snapshot, snapshot_sequence, village_code, health_center_id, status, outcome, closed_at, last_sequence)
  SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::bigint[])
  ON CONFLICT (pregnancy_id) DO UPDATE SET
    snapshot = CASE WHEN EXCLUDED.snapshot_sequence > p.snapshot_sequence THEN EXCLUDED.snapshot ELSE p.snapshot END,
    village_code = CASE WHEN EXCLUDED.snapshot_sequence > p.snapshot_sequence THEN EXCLUDED.village_code ELSE p.village_code END,
    health_center_id = CASE WHEN EXCLUDED.snapshot_sequence > p.snapshot_sequence THEN EXCLUDED.health_center_id ELSE p.health_center_id END,
    snapshot_sequence = GREATEST(p.snapshot_sequence, EXCLUDED.snapshot_sequence),
    status = CASE WHEN p.status = 'closed' THEN 'closed' ELSE EXCLUDED.status END,
    outcome = COALESCE(p.outcome, EXCLUDED.outcome),
    closed_at = COALESCE(p.closed_at, EXCLUDED.closed_at),
    last_sequence = GREATEST(p.last_sequence, EXCLUDED.last_sequence),
    updated_at = now()
  RETURNING pregnancy_id
)
INSERT INTO visit_facts (visit_id, pregnancy_id, visit_date, facts, sequence)
SELECT v.visit_id, v.pregnancy_id, v.visit_date, v.facts, v.sequence
FROM unnest($10::uuid[], $11::uuid[], $12::date[], $13::jsonb[], $14::bigint[]) AS v(visit_id, pregnancy_id, visit_date, facts, sequence)
JOIN facts USING (pregnancy_id)
ON CONFLICT (visit_id) DO NOTHING`;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const toLocked = (row: FactsRow): LockedFacts => ({
  facts: {
    pregnancyId: row.pregnancy_id,
    snapshot: row.snapshot,
    snapshotSequence: Number(row.snapshot_sequence),
    status: row.status,
    outcome: row.outcome,
    closedAt: row.closed_at?.toISOString() ?? null,
    lastSequence: Number(row.last_sequence),
    visits: row.visits,
  },
  latest: row.latest,
});

/** The only door to the facts projection (pregnancy_facts, visit_facts). */
@Injectable()
export class PregnancyFactsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Loads and row-locks the facts of these pregnancies (inside the caller's transaction); absent ones are not known yet. */
  async lockMany(pregnancyIds: readonly string[]): Promise<Map<string, LockedFacts>> {
    if (pregnancyIds.length === 0) return new Map();
    const rows = await this.tx.manager.query<FactsRow[]>(LOCK_MANY_SQL, [pregnancyIds]);
    return new Map(rows.map((row) => [row.pregnancy_id, toLocked(row)]));
  }

  /** The next page of open, scorable pregnancies after `after` (by id), row-locked. */
  async lockOpenPage(after: string | null, limit: number): Promise<LockedFacts[]> {
    const rows = await this.tx.manager.query<FactsRow[]>(LOCK_OPEN_PAGE_SQL, [after ?? NIL_UUID, limit]);
    return rows.map(toLocked);
  }

  /** Stores the merged facts (one entry per pregnancy) and the visits they gained. */
  async saveMany(facts: readonly PregnancyFacts[], newVisits: readonly NewVisitFact[]): Promise<void> {
    if (facts.length === 0) return;
    await this.tx.manager.query(SAVE_MANY_SQL, [
      facts.map((f) => f.pregnancyId),
      facts.map((f) => (f.snapshot === null ? null : JSON.stringify(f.snapshot))),
      facts.map((f) => f.snapshotSequence),
      facts.map((f) => f.snapshot?.villageCode ?? null),
      facts.map((f) => f.snapshot?.healthCenterId ?? null),
      facts.map((f) => f.status),
      facts.map((f) => f.outcome),
      facts.map((f) => f.closedAt),
      facts.map((f) => f.lastSequence),
      newVisits.map((v) => v.visit.visitId),
      newVisits.map((v) => v.pregnancyId),
      newVisits.map((v) => v.visit.visitDate.slice(0, 10)), // a date-time visitDate counts as the date written (engine convention)
      newVisits.map((v) => JSON.stringify(v.visit)),
      newVisits.map((v) => v.sequence),
    ]);
  }

  /** Scope and status for access checks; null until the snapshot (which names village and health center) is known. */
  findScoped(pregnancyId: string): Promise<PregnancyFactsEntity | null> {
    return this.tx.manager
      .createQueryBuilder(PregnancyFactsEntity, 'f')
      .where('f.pregnancyId = :pregnancyId AND f.snapshot IS NOT NULL', { pregnancyId })
      .getOne();
  }
}
