import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import type { PregnancyEntity } from '@registration/pregnancy/pregnancy.entity';
import { VisitEntity } from './visit.entity';

/** What a new visit changes on the pregnancy row. */
export type VisitProgress = Pick<PregnancyEntity, 'visitCount' | 'lastVisitDate' | 'nextVisitDue' | 'overdueFrom'>;

// Visits and their pregnancies' counters and ANC schedules in one statement (the caller holds the row locks).
// JSON documents rather than parallel arrays: the driver would escape every character of each visit's facts.
const INSERT_WITH_PROGRESS_SQL = `
WITH visit AS (
  INSERT INTO visit (id, pregnancy_id, visit_date, facts, notes, recorded_by, recorded_at)
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS v(id uuid, pregnancy_id uuid, visit_date date, facts jsonb, notes text, recorded_by text, recorded_at timestamptz)
)
UPDATE pregnancy p SET visit_count = r.visit_count, last_visit_date = r.last_visit_date, next_visit_due = r.next_visit_due,
       overdue_from = r.overdue_from, updated_at = now(), version = p.version + 1
FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, visit_count int, last_visit_date date, next_visit_due date, overdue_from date)
WHERE p.id = r.id`;

@Injectable()
export class VisitRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Inserts the visits and sets each pregnancy's progress (one entry per pregnancy: its state after them all). */
  async insertWithProgress(visits: readonly VisitEntity[], progress: ReadonlyMap<string, VisitProgress>): Promise<void> {
    const visitRows = visits.map((v) => ({
      id: v.id,
      pregnancy_id: v.pregnancyId,
      visit_date: v.visitDate,
      facts: v.facts,
      notes: v.notes,
      recorded_by: v.recordedBy,
      recorded_at: v.recordedAt.toISOString(),
    }));
    const progressRows = [...progress].map(([id, p]) => ({
      id,
      visit_count: p.visitCount,
      last_visit_date: p.lastVisitDate,
      next_visit_due: p.nextVisitDue,
      overdue_from: p.overdueFrom,
    }));
    await this.tx.manager.query(INSERT_WITH_PROGRESS_SQL, [JSON.stringify(visitRows), JSON.stringify(progressRows)]);
  }

  listForPregnancy(pregnancyId: string): Promise<VisitEntity[]> {
    return this.tx.manager.find(VisitEntity, { where: { pregnancyId }, order: { visitDate: 'ASC', recordedAt: 'ASC' } });
  }
}
