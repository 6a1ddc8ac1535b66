import { Injectable } from '@nestjs/common';
import type { CausationV1 } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import { AssessmentService } from '@risk-scoring/assessment/assessment.service';
import { applyChange, isScorable, noFacts, type FactChange } from './pregnancy-facts';
import { PregnancyFactsRepository } from './pregnancy-facts.repository';

/** What applying one event did (logged and asserted in tests). */
export type ApplyResult = 'assessed' | 'already-assessed' | 'unchanged' | 'closed' | 'awaiting-snapshot';

@Injectable()
export class PregnancyFactsService {
  constructor(
    private readonly facts: PregnancyFactsRepository,
    private readonly assessments: AssessmentService,
    private readonly tx: TransactionContext,
  ) {}

  /**
   * Applies one registration fact and re-assesses the pregnancy as of `asOf`, in one transaction (the
   * consumer's inbox transaction when called from there): the projection, the assessment and its outgoing
   * event commit together or not at all.
   */
  apply(pregnancyId: string, change: FactChange, causedBy: CausationV1, asOf: Date): Promise<ApplyResult> {
    return this.tx.run(async () => {
      const locked = await this.facts.lockOne(pregnancyId);
      const applied = applyChange(locked?.facts ?? noFacts(pregnancyId), change);
      if (!applied.changed) return 'unchanged';
      await this.facts.save(applied.facts, applied.newVisit && { visit: applied.newVisit, sequence: change.sequence });
      const facts = applied.facts;
      // A closed pregnancy keeps its record but is not re-scored; visits before the snapshot wait for it.
      if (!isScorable(facts)) return facts.status === 'closed' ? 'closed' : 'awaiting-snapshot';
      const published = await this.assessments.record([
        {
          pregnancyId,
          assessment: this.assessments.score(facts, asOf),
          previousCategory: locked?.latest?.category ?? null,
          causedBy,
          asOf,
        },
      ]);
      return published.length > 0 ? 'assessed' : 'already-assessed';
    });
  }
}
