import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FindingV1, KsprFactorResultV1, RiskCategory } from '@siaga/contracts';
import { assess, parseIsoDate, type DerivedFacts, type RuleSet } from '@risk-scoring/engine';
import { AssessmentException } from '@risk-scoring/assessment/assessment.exception';
import { RULE_SET } from '@risk-scoring/assessment/rule-set.provider';
import { assertPlausiblePreview } from './preview-plausibility';
import type { PreviewAssessmentDto } from './preview.dto';

export interface PreviewView {
  score: number;
  category: RiskCategory;
  hasEmergency: boolean;
  factors: KsprFactorResultV1[];
  emergencies: FindingV1[];
  warnings: FindingV1[];
  gestationalAgeWeeks: number | null;
  derived: DerivedFacts;
  ruleSetVersion: string;
  asOf: string;
}

/** Scores posted facts with the live rule set and returns the result; stores nothing, publishes nothing. */
@Injectable()
export class PreviewService {
  constructor(@Inject(RULE_SET) private readonly ruleSet: RuleSet) {}

  preview(dto: PreviewAssessmentDto, now: Date = new Date()): PreviewView {
    const asOf = dto.asOf === undefined ? now : new Date(dto.asOf);
    if (Number.isNaN(asOf.getTime())) throw AssessmentException.implausible('asOf', 'must be a date or date-time');
    assertPlausiblePreview(dto, parseIsoDate(asOf.toISOString())); // the engine reads asOf as its UTC day
    const a = assess(
      {
        pregnancy: dto.pregnancy,
        // The engine keys visits by id like stored ones; a preview's visits get throwaway ids.
        visits: dto.visits.map((v) => ({ ...v, visitId: randomUUID() })),
        asOf,
      },
      this.ruleSet,
    );
    return {
      score: a.score,
      category: a.category,
      hasEmergency: a.emergencies.length > 0,
      factors: a.factors,
      emergencies: a.emergencies,
      warnings: a.warnings,
      gestationalAgeWeeks: a.gestationalAgeWeeks,
      derived: a.derived,
      ruleSetVersion: a.ruleSetVersion,
      asOf: asOf.toISOString(),
    };
  }
}
