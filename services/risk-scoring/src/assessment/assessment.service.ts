import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CausationV1, PregnancyAssessedV1, PregnancySnapshotV1, RiskCategory } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { TransactionContext } from '@siaga/persistence';
import { assess, type Assessment, type RuleSet } from '@risk-scoring/engine';
import type { PregnancyFacts } from '@risk-scoring/projection/pregnancy-facts';
import { AssessmentRepository, type NewAssessment } from './assessment.repository';
import { RULE_SET } from './rule-set.provider';

/** Cause of an assessment made by a re-score rather than by a registration event. */
export const RESCORE_CAUSE_TYPE = 'id.siaga.risk-scoring.rescore';

export interface AssessmentToRecord {
  readonly pregnancyId: string;
  readonly assessment: Assessment;
  readonly previousCategory: RiskCategory | null;
  readonly causedBy: CausationV1;
  readonly asOf: Date;
}

/** Scores facts with the rules engine and records the result: history row and outgoing event, one transaction. */
@Injectable()
export class AssessmentService {
  constructor(
    @Inject(RULE_SET) readonly ruleSet: RuleSet,
    private readonly assessments: AssessmentRepository,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionContext,
  ) {}

  score(facts: PregnancyFacts & { snapshot: PregnancySnapshotV1 }, asOf: Date, ruleSet: RuleSet = this.ruleSet): Assessment {
    return assess({ pregnancy: facts.snapshot, visits: facts.visits, asOf }, ruleSet);
  }

  /**
   * Stores the assessments and appends a PregnancyAssessedV1 per new one to the outbox (subject = pregnancy id),
   * joining the caller's transaction. An assessment whose causing event was already assessed is skipped
   * (unique caused_by_event_id), so it is neither stored nor published twice. Returns the events appended.
   */
  record(items: readonly AssessmentToRecord[]): Promise<PregnancyAssessedV1[]> {
    return this.tx.run(async (manager) => {
      const assessedAt = new Date().toISOString();
      const rows = items.map((item): NewAssessment => {
        const a = item.assessment;
        return {
          id: randomUUID(),
          pregnancyId: item.pregnancyId,
          score: a.score,
          category: a.category,
          previousCategory: item.previousCategory,
          factors: a.factors,
          emergencies: a.emergencies,
          warnings: a.warnings,
          derived: a.derived,
          gestationalAgeWeeks: a.gestationalAgeWeeks,
          ruleSetVersion: a.ruleSetVersion,
          causedByEventId: item.causedBy.eventId,
          causedByType: item.causedBy.eventType,
          causedBySequence: item.causedBy.sequence,
          asOf: item.asOf.toISOString(),
          assessedAt,
        };
      });
      const inserted = await this.assessments.insertMany(rows);
      const events = rows.filter((r) => inserted.has(r.id)).map(toEvent);
      await this.outbox.append(
        manager,
        events.map((data) => ({ name: 'pregnancyAssessed' as const, subject: data.pregnancyId, data })),
      );
      return events;
    });
  }
}

const toEvent = (r: NewAssessment): PregnancyAssessedV1 => ({
  assessmentId: r.id,
  pregnancyId: r.pregnancyId,
  score: r.score,
  category: r.category,
  previousCategory: r.previousCategory,
  factors: r.factors,
  emergencies: r.emergencies,
  warnings: r.warnings,
  ruleSetVersion: r.ruleSetVersion,
  causedBy: { eventId: r.causedByEventId, eventType: r.causedByType, sequence: r.causedBySequence },
  assessedAt: r.assessedAt,
});
