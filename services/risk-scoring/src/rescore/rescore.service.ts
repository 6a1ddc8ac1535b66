import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import { LOGGER, type Logger } from '@siaga/observability';
import type { RuleSet } from '@risk-scoring/engine';
import { AssessmentService, RESCORE_CAUSE_TYPE, type AssessmentToRecord } from '@risk-scoring/assessment/assessment.service';
import { outcomeChanged } from '@risk-scoring/assessment/change-detection';
import { PregnancyFactsRepository } from '@risk-scoring/projection/pregnancy-facts.repository';

export interface RescoreOptions {
  /** Defaults to the deployment's rule set; a district variant can be tried here before it is deployed. */
  ruleSet?: RuleSet;
  batchSize?: number;
  /** One moment for the whole run, so every pregnancy is judged as of the same day. Default: now. */
  asOf?: Date;
}

export interface RescoreReport {
  /** Open pregnancies with known facts that were scored again. */
  examined: number;
  /** Those whose outcome differed from their latest assessment: each got a new assessment and event. */
  changed: number;
  ruleSetVersion: string;
  asOf: string;
}

export const DEFAULT_RESCORE_BATCH = 200;

@Injectable()
export class RescoreService {
  private readonly logger: Logger;

  constructor(
    private readonly facts: PregnancyFactsRepository,
    private readonly assessments: AssessmentService,
    private readonly tx: TransactionContext,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'rescore' });
  }

  /**
   * Scores every open pregnancy again (after a rule-set change, or to let time-based rules such as
   * OVERDUE-VISIT and KSPR-16 catch up) and records an assessment only where the outcome changed.
   * One transaction per keyset page: rows are locked page by page, so the consumer is held up at most
   * one page, and a run that stops half way keeps the pages done (running again skips the unchanged).
   */
  async rescoreOpenPregnancies(options: RescoreOptions = {}): Promise<RescoreReport> {
    const ruleSet = options.ruleSet ?? this.assessments.ruleSet;
    const batchSize = options.batchSize ?? DEFAULT_RESCORE_BATCH;
    const asOf = options.asOf ?? new Date();
    let after: string | null = null;
    let examined = 0;
    let changed = 0;
    for (;;) {
      const page = await this.tx.run(async () => {
        const locked = await this.facts.lockOpenPage(after, batchSize);
        const toRecord: AssessmentToRecord[] = [];
        for (const { facts, latest } of locked) {
          if (facts.snapshot === null) continue; // excluded by the query; narrows the type
          const assessment = this.assessments.score({ ...facts, snapshot: facts.snapshot }, asOf, ruleSet);
          if (!outcomeChanged(latest, assessment)) continue;
          toRecord.push({
            pregnancyId: facts.pregnancyId,
            assessment,
            previousCategory: latest?.category ?? null,
            // No event caused it: a fresh id per assessment, and the last fact applied as its sequence.
            causedBy: { eventId: randomUUID(), eventType: RESCORE_CAUSE_TYPE, sequence: facts.lastSequence },
            asOf,
          });
        }
        await this.assessments.record(toRecord);
        return { examined: locked.length, changed: toRecord.length, last: locked.at(-1)?.facts.pregnancyId ?? null };
      });
      examined += page.examined;
      changed += page.changed;
      if (page.last === null || page.examined < batchSize) break;
      after = page.last;
    }
    const report = { examined, changed, ruleSetVersion: ruleSet.version, asOf: asOf.toISOString() };
    this.logger.info(report, 're-score finished');
    return report;
  }
}
