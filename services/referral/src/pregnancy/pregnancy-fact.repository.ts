import { Injectable } from '@nestjs/common';
import type { ObstetricHistoryV1, PregnancySnapshotV1, RiskCategory } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';

/** What this service knows of a pregnancy, from registration's and risk scoring's events. */
export interface PregnancyFact {
  pregnancyId: string;
  motherName: string | null;
  motherBirthDate: string | null;
  villageCode: string | null;
  villageName: string | null;
  districtName: string | null;
  healthCenterId: string | null;
  midwifeId: string | null;
  hpl: string | null;
  history: ObstetricHistoryV1 | null;
  conditions: string[];
  status: 'open' | 'closed';
  riskCategory: RiskCategory | null;
  riskScore: number | null;
  riskRuleIds: string[];
  emergencyRuleIds: string[];
}

interface FactRow {
  pregnancy_id: string;
  mother_name: string | null;
  mother_birth_date: string | null;
  village_code: string | null;
  village_name: string | null;
  district_name: string | null;
  health_center_id: string | null;
  midwife_id: string | null;
  hpl: string | null;
  history: ObstetricHistoryV1 | null;
  conditions: string[];
  status: 'open' | 'closed';
  risk_category: RiskCategory | null;
  risk_score: number | null;
  risk_rule_ids: string[];
  emergency_rule_ids: string[];
}

const COLUMNS = `pregnancy_id, mother_name, to_char(mother_birth_date, 'YYYY-MM-DD') AS mother_birth_date, village_code, village_name,
  district_name, health_center_id, midwife_id, to_char(hpl, 'YYYY-MM-DD') AS hpl, history, conditions, status, risk_category,
  risk_score, risk_rule_ids, emergency_rule_ids`;

const toFact = (r: FactRow): PregnancyFact => ({
  pregnancyId: r.pregnancy_id,
  motherName: r.mother_name,
  motherBirthDate: r.mother_birth_date,
  villageCode: r.village_code,
  villageName: r.village_name,
  districtName: r.district_name,
  healthCenterId: r.health_center_id,
  midwifeId: r.midwife_id,
  hpl: r.hpl,
  history: r.history,
  conditions: r.conditions,
  status: r.status,
  riskCategory: r.risk_category,
  riskScore: r.risk_score,
  riskRuleIds: r.risk_rule_ids,
  emergencyRuleIds: r.emergency_rule_ids,
});

// Events of one pregnancy arrive in order (inbox sequence check); an assessment may come before the snapshot.
const UPSERT_SNAPSHOT_SQL = `
INSERT INTO pregnancy_fact (pregnancy_id, mother_name, mother_birth_date, village_code, village_name, district_name,
                            health_center_id, midwife_id, hpl, history, conditions)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[])
ON CONFLICT (pregnancy_id) DO UPDATE SET
  mother_name = EXCLUDED.mother_name, mother_birth_date = EXCLUDED.mother_birth_date, village_code = EXCLUDED.village_code,
  village_name = EXCLUDED.village_name, district_name = EXCLUDED.district_name, health_center_id = EXCLUDED.health_center_id,
  midwife_id = EXCLUDED.midwife_id, hpl = EXCLUDED.hpl, history = EXCLUDED.history, conditions = EXCLUDED.conditions,
  updated_at = now()`;

// A chunk's assessments in one statement (one JSON document: each has rule-id lists of its own length).
const APPLY_ASSESSMENTS_SQL = `
INSERT INTO pregnancy_fact (pregnancy_id, risk_category, risk_score, risk_rule_ids, emergency_rule_ids, assessed_at)
SELECT * FROM jsonb_to_recordset($1::jsonb)
  AS t(pregnancy_id uuid, risk_category text, risk_score int, risk_rule_ids text[], emergency_rule_ids text[], assessed_at timestamptz)
ORDER BY pregnancy_id -- one lock order
ON CONFLICT (pregnancy_id) DO UPDATE SET
  risk_category = EXCLUDED.risk_category, risk_score = EXCLUDED.risk_score, risk_rule_ids = EXCLUDED.risk_rule_ids,
  emergency_rule_ids = EXCLUDED.emergency_rule_ids, assessed_at = EXCLUDED.assessed_at, updated_at = now()`;

const CLOSE_SQL = `
INSERT INTO pregnancy_fact (pregnancy_id, status) VALUES ($1, 'closed')
ON CONFLICT (pregnancy_id) DO UPDATE SET status = 'closed', updated_at = now()`;

/**
 * Open KRST pregnancies whose planned-referral window has begun and that have no referral yet (none open,
 * no planned one ever, none made within the window), row-locked and skipping rows another instance holds.
 */
const LOCK_DUE_PLANNED_SQL = `
SELECT ${COLUMNS} FROM pregnancy_fact f
WHERE f.status = 'open' AND f.risk_category = 'KRST' AND f.hpl IS NOT NULL AND f.village_code IS NOT NULL
  AND f.hpl - $1::int <= $2::date
  AND NOT EXISTS (
    SELECT 1 FROM referral r WHERE r.pregnancy_id = f.pregnancy_id
      AND (r.origin = 'planned' OR r.status IN ('offered', 'accepted', 'escalated') OR r.created_at >= (f.hpl - $1::int)::timestamptz))
ORDER BY f.hpl, f.pregnancy_id
LIMIT $3
FOR UPDATE OF f SKIP LOCKED`;

/** Risk scoring's latest word on a pregnancy, as referral keeps it. */
export interface LatestRisk {
  pregnancyId: string;
  category: RiskCategory;
  score: number;
  ruleIds: string[];
  emergencyRuleIds: string[];
  assessedAt: string;
}

/** The only door to the pregnancy projection. */
@Injectable()
export class PregnancyFactRepository {
  constructor(private readonly tx: TransactionContext) {}

  async upsertSnapshot(s: PregnancySnapshotV1): Promise<void> {
    await this.tx.manager.query(UPSERT_SNAPSHOT_SQL, [
      s.pregnancyId,
      s.motherName,
      s.motherBirthDate,
      s.villageCode,
      s.villageName,
      s.districtName,
      s.healthCenterId,
      s.midwifeId,
      s.hpl,
      JSON.stringify(s.history),
      s.conditions,
    ]);
  }

  /** Her latest risk, for each pregnancy once (the caller passes each woman's latest assessment). */
  async applyAssessments(latest: readonly LatestRisk[]): Promise<void> {
    if (latest.length === 0) return;
    const rows = latest.map((r) => ({
      pregnancy_id: r.pregnancyId,
      risk_category: r.category,
      risk_score: r.score,
      risk_rule_ids: r.ruleIds,
      emergency_rule_ids: r.emergencyRuleIds,
      assessed_at: r.assessedAt,
    }));
    await this.tx.manager.query(APPLY_ASSESSMENTS_SQL, [JSON.stringify(rows)]);
  }

  async markClosed(pregnancyId: string): Promise<void> {
    await this.tx.manager.query(CLOSE_SQL, [pregnancyId]);
  }

  async find(pregnancyId: string): Promise<PregnancyFact | null> {
    const rows = await queryRows<FactRow>(this.tx.manager, `SELECT ${COLUMNS} FROM pregnancy_fact WHERE pregnancy_id = $1`, [pregnancyId]);
    return rows.length === 0 ? null : toFact(rows[0]);
  }

  async lockDuePlanned(today: string, windowDays: number, limit: number): Promise<PregnancyFact[]> {
    const rows = await queryRows<FactRow>(this.tx.manager, LOCK_DUE_PLANNED_SQL, [windowDays, today, limit]);
    return rows.map(toFact);
  }
}
