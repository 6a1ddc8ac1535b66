import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import type { PregnancyEntity } from '@registration/pregnancy/pregnancy.entity';
import { VisitEntity } from './visit.entity';

/** What a new visit changes on the pregnancy row. */
export type VisitProgress = Pick<PregnancyEntity, 'visitCount' | 'lastVisitDate' | 'nextVisitDue' | 'overdueFrom'>;

// The visit and the pregnancy's counters and ANC schedule in one statement (the caller holds the row lock).
const INSERT_WITH_PROGRESS_SQL = `
WITH visit AS (
  INSERT INTO visit (id, pregnancy_id, visit_date, facts, notes, recorded_by, recorded_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
)
UPDATE pregnancy SET visit_count = $8, last_visit_date = $9, next_visit_due = $10, overdue_from = $11,
       updated_at = now(), version = version + 1
WHERE id = $2`;

@Injectable()
export class VisitRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insertWithProgress(visit: VisitEntity, progress: VisitProgress): Promise<void> {
    await this.tx.manager.query(INSERT_WITH_PROGRESS_SQL, [
      visit.id,
      visit.pregnancyId,
      visit.visitDate,
      JSON.stringify(visit.facts),
      visit.notes,
      visit.recordedBy,
      visit.recordedAt.toISOString(),
      progress.visitCount,
      progress.lastVisitDate,
      progress.nextVisitDue,
      progress.overdueFrom,
    ]);
  }

  listForPregnancy(pregnancyId: string): Promise<VisitEntity[]> {
    return this.tx.manager.find(VisitEntity, { where: { pregnancyId }, order: { visitDate: 'ASC', recordedAt: 'ASC' } });
  }
}
