import { Injectable } from '@nestjs/common';
import type { PregnancyOutcome, PregnancySnapshotV1 } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import { AlertService } from '@alerts/alert/alert.service';
import { PregnancySummaryRepository } from './pregnancy-summary.repository';

/** Keeps the pregnancy projection the doctor's summary is read from, and the alerts that depend on it. */
@Injectable()
export class PregnancySummaryService {
  constructor(
    private readonly summaries: PregnancySummaryRepository,
    private readonly alerts: AlertService,
    private readonly tx: TransactionContext,
  ) {}

  /** Registered or updated: a newer snapshot routes alerts that waited for it. Returns how many went out. */
  applySnapshot(snapshot: PregnancySnapshotV1, sequence: number): Promise<number> {
    return this.tx.run(async () => {
      const summary = await this.summaries.applySnapshot(snapshot, sequence);
      return summary ? this.alerts.applyRouting(summary) : 0;
    });
  }

  applyVisits(visits: readonly { pregnancyId: string; visitDate: string }[]): Promise<void> {
    return this.tx.run(() => this.summaries.applyVisits(visits));
  }

  applyClosed(pregnancyId: string, outcome: PregnancyOutcome, closedAt: string): Promise<number> {
    return this.tx.run(async () => {
      await this.summaries.applyClosed(pregnancyId, outcome, closedAt);
      return this.alerts.closeForPregnancy(pregnancyId);
    });
  }
}
