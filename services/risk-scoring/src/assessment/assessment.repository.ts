import { Injectable } from '@nestjs/common';
import type { FindingV1, KsprFactorResultV1, RiskCategory } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import type { DerivedFacts } from '@risk-scoring/engine';
import { AssessmentEntity } from './assessment.entity';

/** An assessment as written: the entity minus the position the database assigns. */
export interface NewAssessment {
  id: string;
  pregnancyId: string;
  score: number;
  category: RiskCategory;
  previousCategory: RiskCategory | null;
  factors: KsprFactorResultV1[];
  emergencies: FindingV1[];
  warnings: FindingV1[];
  derived: DerivedFacts;
  gestationalAgeWeeks: number | null;
  ruleSetVersion: string;
  causedByEventId: string;
  causedByType: string;
  causedBySequence: number;
  asOf: string;
  assessedAt: string;
}

// A whole batch in one statement; a causing event already assessed (unique caused_by_event_id) inserts nothing.
const INSERT_SQL = `
INSERT INTO assessment (id, pregnancy_id, score, category, previous_category, factors, emergencies, warnings, derived,
                        gestational_age_weeks, rule_set_version, caused_by_event_id, caused_by_type, caused_by_sequence, as_of, assessed_at)
SELECT r."id", r."pregnancyId", r."score", r."category", r."previousCategory", r."factors", r."emergencies", r."warnings", r."derived",
       r."gestationalAgeWeeks", r."ruleSetVersion", r."causedByEventId", r."causedByType", r."causedBySequence", r."asOf", r."assessedAt"
FROM jsonb_to_recordset($1::jsonb) AS r(
  "id" uuid, "pregnancyId" uuid, "score" int, "category" text, "previousCategory" text, "factors" jsonb, "emergencies" jsonb,
  "warnings" jsonb, "derived" jsonb, "gestationalAgeWeeks" int, "ruleSetVersion" text, "causedByEventId" uuid,
  "causedByType" text, "causedBySequence" bigint, "asOf" timestamptz, "assessedAt" timestamptz)
ON CONFLICT (caused_by_event_id) DO NOTHING
RETURNING id`;

@Injectable()
export class AssessmentRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Inserts the batch; returns the ids actually inserted (a duplicate causing event is skipped, not an error). */
  async insertMany(assessments: NewAssessment[]): Promise<Set<string>> {
    if (assessments.length === 0) return new Set();
    const rows = await this.tx.manager.query<{ id: string }[]>(INSERT_SQL, [JSON.stringify(assessments)]);
    return new Set(rows.map((r) => r.id));
  }

  latest(pregnancyId: string): Promise<AssessmentEntity | null> {
    return this.tx.manager.findOne(AssessmentEntity, { where: { pregnancyId }, order: { position: 'DESC' } });
  }

  /** Newest first, keyset on position (stable under concurrent inserts, unlike OFFSET). */
  history(pregnancyId: string, limit: number, beforePosition: number | null): Promise<AssessmentEntity[]> {
    const query = this.tx.manager
      .createQueryBuilder(AssessmentEntity, 'a')
      .where('a.pregnancyId = :pregnancyId', { pregnancyId })
      .orderBy('a.position', 'DESC')
      .limit(limit);
    if (beforePosition !== null) query.andWhere('a.position < :beforePosition', { beforePosition });
    return query.getMany();
  }
}
