import type { AlertKind, AlertSeverity, FindingV1, PregnancyAssessedV1, RiskCategory } from '@siaga/contracts';

/** Triage order: most urgent first. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { emergency: 0, high: 1, medium: 2, low: 3 };

const CATEGORY_RANK: Record<RiskCategory, number> = { KRR: 0, KRT: 1, KRST: 2 };

/** The pseudo rule id of a category rise (KSPR card, back: KRR < 6, KRT 6–10, KRST ≥ 12). */
export const CATEGORY_RISE_RULE = 'KSPR-CATEGORY';
export const OVERDUE_VISIT_RULE = 'OVERDUE-VISIT';

/** What an assessment asks of the health center: one alert kind, its severity and the findings behind it. */
export interface AlertTrigger {
  kind: AlertKind;
  severity: AlertSeverity;
  findings: FindingV1[];
}

export type AssessmentOutcome = Pick<
  PregnancyAssessedV1,
  'score' | 'category' | 'previousCategory' | 'factors' | 'emergencies' | 'warnings'
>;

/**
 * A category "rises" when it is above the previous one; a first assessment counts from KRR (every pregnancy
 * starts at the KSPR-0 baseline), so a woman registered as KRST is raised at once.
 */
export function categoryRose(a: Pick<AssessmentOutcome, 'category' | 'previousCategory'>): boolean {
  return CATEGORY_RANK[a.category] > CATEGORY_RANK[a.previousCategory ?? 'KRR'];
}

const riseFinding = (a: AssessmentOutcome): FindingV1 => ({
  ruleId: CATEGORY_RISE_RULE,
  description: `KSPR category rose from ${a.previousCategory ?? 'KRR'} to ${a.category} (score ${a.score})`,
  facts: { from: a.previousCategory ?? null, to: a.category, score: a.score },
});

/** The KSPR factors that put points on the card (KSPR-0, the baseline, is not a reason). */
const factorFindings = (a: AssessmentOutcome): FindingV1[] =>
  a.factors
    .filter((f) => f.status === 'present' && f.points > 0 && f.ruleId !== 'KSPR-0')
    .map((f) => ({ ruleId: f.ruleId, description: `KSPR factor present (+${f.points})`, facts: f.facts }));

/**
 * The one alert an assessment raises or updates, if any; the most urgent trigger wins and carries the others'
 * findings, so one visit never puts two cards in front of the doctor:
 * - any emergency finding (WHO urgent-referral signs, e.g. WHO-BP-SEVERE) → 'danger-sign', severity emergency;
 * - the category rose to KRST → 'risk-rise' high; to KRT → 'risk-rise' medium;
 * - a KRT / KRST woman overdue for her next contact (OVERDUE-VISIT) → 'overdue-visit' low.
 * A category that falls, or stays, raises nothing (and closes nothing: a person resolves alerts).
 */
export function triggerFor(a: AssessmentOutcome): AlertTrigger | null {
  const rose = categoryRose(a) && a.category !== 'KRR';
  const overdue = a.warnings.find((w) => w.ruleId === OVERDUE_VISIT_RULE);
  const highRisk = a.category === 'KRT' || a.category === 'KRST';
  if (a.emergencies.length > 0) {
    return { kind: 'danger-sign', severity: 'emergency', findings: [...a.emergencies, ...(rose ? [riseFinding(a)] : [])] };
  }
  if (rose) {
    return {
      kind: 'risk-rise',
      severity: a.category === 'KRST' ? 'high' : 'medium',
      findings: [riseFinding(a), ...factorFindings(a), ...(overdue ? [overdue] : [])],
    };
  }
  if (overdue && highRisk) return { kind: 'overdue-visit', severity: 'low', findings: [overdue] };
  return null;
}

export interface MergedAlert {
  severity: AlertSeverity;
  findings: FindingV1[];
  /** Severity rose: a doctor must hear of it (AlertUpdatedV1). */
  severityRose: boolean;
  /** A rule fired that the alert did not show yet (AlertUpdatedV1). */
  newRules: string[];
}

/**
 * New findings on an open alert of the same kind: severity only ever rises; findings are merged by rule id, the
 * newest facts replacing older ones, and rules that no longer fire stay (the doctor decides, not the score).
 */
export function mergeTrigger(current: { severity: AlertSeverity; findings: FindingV1[] }, trigger: AlertTrigger): MergedAlert {
  const severityRose = SEVERITY_RANK[trigger.severity] < SEVERITY_RANK[current.severity];
  const known = new Set(current.findings.map((f) => f.ruleId));
  const incoming = new Map(trigger.findings.map((f) => [f.ruleId, f]));
  const findings = [...current.findings.map((f) => incoming.get(f.ruleId) ?? f), ...trigger.findings.filter((f) => !known.has(f.ruleId))];
  return {
    severity: severityRose ? trigger.severity : current.severity,
    findings,
    severityRose,
    newRules: trigger.findings.filter((f) => !known.has(f.ruleId)).map((f) => f.ruleId),
  };
}
