import { Injectable } from '@nestjs/common';
import type { CausationV1 } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import { AssessmentService, type AssessmentToRecord } from '@risk-scoring/assessment/assessment.service';
import { applyChange, isScorable, noFacts, type FactChange, type PregnancyFacts } from './pregnancy-facts';
import { PregnancyFactsRepository, type LockedFacts, type NewVisitFact } from './pregnancy-facts.repository';

/** What applying one event did (logged and asserted in tests). */
export type ApplyResult = 'assessed' | 'already-assessed' | 'unchanged' | 'closed' | 'awaiting-snapshot';

/** One registration fact to apply, and the event it came from. */
export interface FactToApply {
  readonly pregnancyId: string;
  readonly change: FactChange;
  readonly causedBy: CausationV1;
  readonly asOf: Date;
}

@Injectable()
export class PregnancyFactsService {
  constructor(
    private readonly facts: PregnancyFactsRepository,
    private readonly assessments: AssessmentService,
    private readonly tx: TransactionContext,
  ) {}

  async apply(pregnancyId: string, change: FactChange, causedBy: CausationV1, asOf: Date): Promise<ApplyResult> {
    const [result] = await this.applyMany([{ pregnancyId, change, causedBy, asOf }]);
    return result;
  }

  /**
   * Applies registration facts in the order given and re-assesses each pregnancy after each fact, in one
   * transaction (the consumer's inbox transaction when called from there): the projection, the assessments
   * and their outgoing events commit together or not at all. A few statements for the whole list: lock,
   * save, insert assessments, append events.
   */
  applyMany(items: readonly FactToApply[]): Promise<ApplyResult[]> {
    return this.tx.run(async () => {
      const known = await this.facts.lockMany([...new Set(items.map((i) => i.pregnancyId))]);
      const state = new Map<string, LockedFacts>();
      const changed = new Map<string, PregnancyFacts>();
      const newVisits: NewVisitFact[] = [];
      const toRecord: AssessmentToRecord[] = [];
      const results: (ApplyResult | 'to-assess')[] = [];
      for (const { pregnancyId, change, causedBy, asOf } of items) {
        const current = state.get(pregnancyId) ?? known.get(pregnancyId) ?? { facts: noFacts(pregnancyId), latest: null };
        const applied = applyChange(current.facts, change);
        if (!applied.changed) {
          results.push('unchanged');
          continue;
        }
        changed.set(pregnancyId, applied.facts);
        if (applied.newVisit) newVisits.push({ pregnancyId, visit: applied.newVisit, sequence: change.sequence });
        const facts = applied.facts;
        // A closed pregnancy keeps its record but is not re-scored; visits before the snapshot wait for it.
        if (!isScorable(facts)) {
          state.set(pregnancyId, { facts, latest: current.latest });
          results.push(facts.status === 'closed' ? 'closed' : 'awaiting-snapshot');
          continue;
        }
        const assessment = this.assessments.score(facts, asOf);
        toRecord.push({ pregnancyId, assessment, previousCategory: current.latest?.category ?? null, causedBy, asOf });
        state.set(pregnancyId, { facts, latest: assessment });
        results.push('to-assess');
      }
      await this.facts.saveMany([...changed.values()], newVisits);
      const published = new Set((await this.assessments.record(toRecord)).map((e) => e.causedBy.eventId));
      let recorded = 0;
      return results.map((result) => {
        if (result !== 'to-assess') return result;
        return published.has(toRecord[recorded++].causedBy.eventId) ? 'assessed' : 'already-assessed';
      });
    });
  }
}
