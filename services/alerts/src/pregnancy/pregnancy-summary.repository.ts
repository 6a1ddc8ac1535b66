import { Injectable } from '@nestjs/common';
import type { PregnancyAssessedV1, PregnancyOutcome, PregnancySnapshotV1 } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { PregnancySummary } from '@alerts/alert/alert.types';

const RETURNING = `RETURNING pregnancy_id AS "pregnancyId", snapshot_sequence AS "snapshotSequence", mother_name AS "motherName",
  village_code AS "villageCode", village_name AS "villageName", district_name AS "districtName", health_center_id AS "healthCenterId",
  midwife_id AS "midwifeId", hpht::text AS hpht, hpl::text AS hpl, status, last_visit_date::text AS "lastVisitDate", score, category`;

const normalise = (row: PregnancySummary): PregnancySummary => ({ ...row, snapshotSequence: Number(row.snapshotSequence) });

/**
 * The pregnancy projection. Every write is an upsert that row-locks the pregnancy's row until commit: the
 * pregnancy consumer, the assessment consumer and the HTTP API thereby take one woman's changes one at a time
 * (an alert raised before her snapshot arrived cannot miss its routing).
 */
@Injectable()
export class PregnancySummaryRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Applies a newer snapshot; null when the stored one is as new or newer (nothing changed). */
  async applySnapshot(snapshot: PregnancySnapshotV1, sequence: number): Promise<PregnancySummary | null> {
    const rows = await queryRows<PregnancySummary>(
      this.tx.manager,
      `INSERT INTO pregnancy_summary AS p (pregnancy_id, snapshot_sequence, mother_name, village_code, village_name, district_name,
                                           health_center_id, midwife_id, hpht, hpl)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (pregnancy_id) DO UPDATE SET snapshot_sequence = EXCLUDED.snapshot_sequence, mother_name = EXCLUDED.mother_name,
         village_code = EXCLUDED.village_code, village_name = EXCLUDED.village_name, district_name = EXCLUDED.district_name,
         health_center_id = EXCLUDED.health_center_id, midwife_id = EXCLUDED.midwife_id, hpht = EXCLUDED.hpht, hpl = EXCLUDED.hpl,
         updated_at = now()
       WHERE p.snapshot_sequence < EXCLUDED.snapshot_sequence
       ${RETURNING}`,
      [
        snapshot.pregnancyId,
        sequence,
        snapshot.motherName,
        snapshot.villageCode,
        snapshot.villageName,
        snapshot.districtName,
        snapshot.healthCenterId,
        snapshot.midwifeId,
        snapshot.hpht.slice(0, 10),
        snapshot.hpl.slice(0, 10),
      ],
    );
    return rows.length === 0 ? null : normalise(rows[0]);
  }

  /**
   * Her last contact: the latest visit date seen, whatever order visits arrive in, for many visits in one
   * statement (rows upserted in pregnancy id order, one per pregnancy).
   */
  async applyVisits(visits: readonly { pregnancyId: string; visitDate: string }[]): Promise<void> {
    if (visits.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO pregnancy_summary AS p (pregnancy_id, last_visit_date)
       SELECT pregnancy_id, max(visit_date) FROM unnest($1::uuid[], $2::date[]) AS v(pregnancy_id, visit_date)
       GROUP BY pregnancy_id ORDER BY pregnancy_id
       ON CONFLICT (pregnancy_id) DO UPDATE SET last_visit_date = GREATEST(p.last_visit_date, EXCLUDED.last_visit_date), updated_at = now()`,
      [visits.map((v) => v.pregnancyId), visits.map((v) => v.visitDate.slice(0, 10))],
    );
  }

  async applyClosed(pregnancyId: string, outcome: PregnancyOutcome, closedAt: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO pregnancy_summary AS p (pregnancy_id, status, outcome, closed_at) VALUES ($1, 'closed', $2, $3)
       ON CONFLICT (pregnancy_id) DO UPDATE SET status = 'closed', outcome = COALESCE(p.outcome, EXCLUDED.outcome),
         closed_at = COALESCE(p.closed_at, EXCLUDED.closed_at), updated_at = now()`,
      [pregnancyId, outcome, closedAt],
    );
  }

  /**
   * Records each woman's latest score in one statement and returns the (locked) summaries alerts are raised
   * against, by pregnancy. The caller passes each pregnancy once (her latest assessment).
   */
  async applyAssessments(latest: readonly PregnancyAssessedV1[]): Promise<Map<string, PregnancySummary>> {
    const rows = await queryRows<PregnancySummary>(
      this.tx.manager,
      `INSERT INTO pregnancy_summary AS p (pregnancy_id, score, category, assessment_id, assessed_at)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::timestamptz[]) ORDER BY 1 -- one lock order
       ON CONFLICT (pregnancy_id) DO UPDATE SET score = EXCLUDED.score, category = EXCLUDED.category,
         assessment_id = EXCLUDED.assessment_id, assessed_at = EXCLUDED.assessed_at, updated_at = now()
       ${RETURNING}`,
      [
        latest.map((a) => a.pregnancyId),
        latest.map((a) => a.score),
        latest.map((a) => a.category),
        latest.map((a) => a.assessmentId),
        latest.map((a) => a.assessedAt),
      ],
    );
    return new Map(rows.map((row) => [row.pregnancyId, normalise(row)]));
  }

  /** Reads without locking (for payloads; writers lock through the upserts above). */
  async find(pregnancyId: string): Promise<PregnancySummary | null> {
    const rows = await queryRows<PregnancySummary>(
      this.tx.manager,
      `SELECT pregnancy_id AS "pregnancyId", snapshot_sequence AS "snapshotSequence", mother_name AS "motherName",
              village_code AS "villageCode", village_name AS "villageName", district_name AS "districtName",
              health_center_id AS "healthCenterId", midwife_id AS "midwifeId", hpht::text AS hpht, hpl::text AS hpl, status,
              last_visit_date::text AS "lastVisitDate", score, category
       FROM pregnancy_summary WHERE pregnancy_id = $1`,
      [pregnancyId],
    );
    return rows.length === 0 ? null : normalise(rows[0]);
  }
}
