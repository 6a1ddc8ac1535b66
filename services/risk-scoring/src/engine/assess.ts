import type { Assessment, AssessmentInput } from './assessment.types';
import { buildContext } from './context';
import { formatEpochDay, gestationalAgeFromDays, NAEGELE_DAYS } from './dates';
import { evaluateKsprFactors, riskCategory } from './kspr-factors';
import { CURRENT_RULE_SET, type RuleSet } from './rule-set';
import { evaluateFindings } from './who-findings';

/** Pure: the same input and rule set always give the same assessment. */
export function assess(input: AssessmentInput, ruleSet: RuleSet = CURRENT_RULE_SET): Assessment {
  const ctx = buildContext(input, ruleSet);
  const factors = evaluateKsprFactors(ctx);
  let score = 0;
  for (const f of factors) score += f.points;
  const { emergencies, warnings } = evaluateFindings(ctx);
  return {
    score,
    category: riskCategory(score, ruleSet),
    factors,
    emergencies,
    warnings,
    ruleSetVersion: ruleSet.version,
    gestationalAgeWeeks: ctx.gaWeeks,
    derived: {
      asOfDate: formatEpochDay(ctx.asOfDay),
      ageYears: ctx.ageYears,
      firstPregnancy: ctx.firstPregnancy,
      gestationalAge: ctx.gaDays === null ? null : gestationalAgeFromDays(ctx.gaDays),
      hpl: formatEpochDay(ctx.hphtDay + NAEGELE_DAYS),
      yearsSinceLastBirth: ctx.yearsSinceLastBirth,
      yearsMarriedAtHpht: ctx.yearsMarriedAtHpht,
      latestVisitDate: ctx.latest === null ? null : ctx.latest.visit.visitDate,
      visitsConsidered: ctx.visits.length,
      nextContact: ctx.nextContact,
    },
  };
}
