import type { AncVisitV1, FindingV1 } from '@siaga/contracts';
import { latestMeasurement, type AssessmentContext, type VisitFacts } from './context';
import { FINDING_IDS } from './rule-ids';
import type { RuleSet } from './rule-set';
import { describeThreshold, isKnown, meets } from './thresholds';
import { bpExceeds, countOutside, finalFetalHeartRate, hbThreshold, proteinuria, reportedAll, reportedAny } from './vital-checks';

/**
 * WHO ANC DAK danger signs and thresholds and Kemenkes checks, shared/domain/bumil-risti.md section 3.
 * Acute findings read the latest visit only (an old reading was acted on at its own visit);
 * chronic ones (Hb, LiLA) read the latest visit that measured them.
 */

export interface Findings {
  readonly emergencies: FindingV1[];
  readonly warnings: FindingV1[];
}

function bpFacts(v: AncVisitV1): Record<string, unknown> {
  return {
    visitDate: v.visitDate,
    systolic: v.systolic ?? null,
    diastolic: v.diastolic ?? null,
    systolicRepeat: v.systolicRepeat ?? null,
    diastolicRepeat: v.diastolicRepeat ?? null,
  };
}

function dangerSigns(v: AncVisitV1, rules: RuleSet, emergencies: FindingV1[], warnings: FindingV1[]): void {
  if (v.dangerSigns.length === 0) return;
  for (const rule of rules.who.urgentDangerSigns) {
    if (reportedAll(v, rule.allOf)) {
      emergencies.push({
        ruleId: rule.ruleId,
        description: rule.description,
        facts: { visitDate: v.visitDate, signs: [...rule.allOf] }, // copied: facts must not alias the rule set
      });
    }
  }
  for (const rule of rules.who.warningDangerSigns) {
    if (reportedAll(v, rule.allOf)) {
      warnings.push({
        ruleId: rule.ruleId,
        description: rule.description,
        facts: { visitDate: v.visitDate, signs: [...rule.allOf] }, // copied: facts must not alias the rule set
      });
    }
  }
}

function bloodPressure(v: AncVisitV1, rules: RuleSet, emergencies: FindingV1[], warnings: FindingV1[]): void {
  const { who } = rules;
  const hypertension = bpExceeds(v, who.bpHigh);
  const symptomatic = reportedAny(v, who.preEclampsiaSymptoms);
  if (hypertension === null) {
    if (symptomatic) {
      warnings.push({
        ruleId: FINDING_IDS.preEclampsiaSymptomsBpUnknown,
        description: 'Pre-eclampsia symptom reported but blood pressure not recorded: measure it now.',
        facts: { visitDate: v.visitDate, symptoms: who.preEclampsiaSymptoms.filter((s) => v.dangerSigns.includes(s)) },
      });
    }
    return;
  }
  if (!hypertension) return;

  if (bpExceeds(v, who.bpSevere) === true) {
    emergencies.push({
      ruleId: FINDING_IDS.bpSevere,
      description: `Severe hypertension (systolic ${describeThreshold(who.bpSevere.systolic)} or diastolic ${describeThreshold(who.bpSevere.diastolic)}). Refer urgently.`,
      facts: bpFacts(v),
    });
  } else {
    warnings.push({
      ruleId: FINDING_IDS.bpHigh,
      description: 'Hypertension. Re-measure after 10-15 minutes; check urine protein and pre-eclampsia symptoms.',
      facts: bpFacts(v),
    });
  }
  if (proteinuria(v, who.proteinuriaFrom) === true) {
    emergencies.push({
      ruleId: FINDING_IDS.preEclampsia,
      description: `Pre-eclampsia: hypertension with urine protein ${who.proteinuriaFrom} or more. Refer urgently.`,
      facts: { ...bpFacts(v), urineProtein: v.urineProtein },
    });
  }
  if (symptomatic) {
    emergencies.push({
      ruleId: FINDING_IDS.severePreEclampsia,
      description:
        'Severe pre-eclampsia: hypertension with headache, blurred vision, epigastric pain, dizziness or vomiting. Refer urgently.',
      facts: { ...bpFacts(v), symptoms: who.preEclampsiaSymptoms.filter((s) => v.dangerSigns.includes(s)) },
    });
  }
}

/** WHO-TEMP: two readings >= 38 refer; one is a warning to re-measure. */
function temperature(v: AncVisitV1, rules: RuleSet, emergencies: FindingV1[], warnings: FindingV1[]): void {
  const t = rules.who.feverC;
  const high =
    (isKnown(v.temperatureC) && meets(v.temperatureC, t) ? 1 : 0) +
    (isKnown(v.temperatureRepeatC) && meets(v.temperatureRepeatC, t) ? 1 : 0);
  if (high === 0) return;
  const facts = {
    visitDate: v.visitDate,
    temperatureC: v.temperatureC ?? null,
    temperatureRepeatC: v.temperatureRepeatC ?? null,
  };
  if (high === 2) {
    emergencies.push({
      ruleId: FINDING_IDS.temperature,
      description: 'Fever on two readings. Treat and refer urgently.',
      facts,
    });
  } else {
    warnings.push({
      ruleId: FINDING_IDS.temperatureUnconfirmed,
      description: 'Fever on one reading: re-measure.',
      facts,
    });
  }
}

/** WHO-PULSE: "twice → refer"; like every "refer" in section 3 it is an emergency, a single reading a warning. */
function pulse(v: AncVisitV1, rules: RuleSet, emergencies: FindingV1[], warnings: FindingV1[]): void {
  const { outside } = countOutside(v.pulse, v.pulseRepeat, rules.who.pulseLow, rules.who.pulseHigh);
  if (outside === 0) return;
  const facts = { visitDate: v.visitDate, pulse: v.pulse ?? null, pulseRepeat: v.pulseRepeat ?? null };
  if (outside === 2) {
    emergencies.push({
      ruleId: FINDING_IDS.pulse,
      description: 'Abnormal maternal pulse on two readings. Refer.',
      facts,
    });
  } else {
    warnings.push({
      ruleId: FINDING_IDS.pulseUnconfirmed,
      description: 'Abnormal maternal pulse on one reading: re-measure.',
      facts,
    });
  }
}

function spo2(v: AncVisitV1, rules: RuleSet, emergencies: FindingV1[]): void {
  if (isKnown(v.spo2) && meets(v.spo2, rules.who.spo2)) {
    emergencies.push({
      ruleId: FINDING_IDS.spo2,
      description: `Oxygen saturation ${describeThreshold(rules.who.spo2)} %. Refer urgently.`,
      facts: { visitDate: v.visitDate, spo2: v.spo2 },
    });
  }
}

/** WHO-FHR and WHO-FM apply from fetalChecksFromWeeks (20) at the visit. */
function fetus(v: VisitFacts, rules: RuleSet, emergencies: FindingV1[], warnings: FindingV1[]): void {
  const { who } = rules;
  if (v.gaWeeks === null || v.gaWeeks < who.fetalChecksFromWeeks) return;
  const visit = v.visit;
  const fhrFacts = (): Record<string, unknown> => ({
    visitDate: visit.visitDate,
    gestationalAgeWeeks: v.gaWeeks,
    fetalHeartRate: visit.fetalHeartRate ?? null,
    fetalHeartRateRepeat: visit.fetalHeartRateRepeat ?? null,
  });
  if (finalFetalHeartRate(visit) === 0) {
    emergencies.push({
      ruleId: FINDING_IDS.fetalHeartRate,
      description: 'No fetal heartbeat. Refer.',
      facts: { ...fhrFacts(), noHeartbeat: true },
    });
  } else {
    const { outside } = countOutside(visit.fetalHeartRate, visit.fetalHeartRateRepeat, who.fhrLow, who.fhrHigh);
    if (outside === 2) {
      emergencies.push({
        ruleId: FINDING_IDS.fetalHeartRate,
        description: 'Abnormal fetal heart rate on two readings. Refer.',
        facts: fhrFacts(),
      });
    } else if (outside === 1) {
      warnings.push({
        ruleId: FINDING_IDS.fetalHeartRateUnconfirmed,
        description: 'Abnormal fetal heart rate on one reading: listen again.',
        facts: fhrFacts(),
      });
    }
  }
  if (visit.fetalMovement === 'reduced' || visit.fetalMovement === 'none') {
    emergencies.push({
      ruleId: FINDING_IDS.fetalMovement,
      description: 'Reduced or absent fetal movement. Refer.',
      facts: { visitDate: visit.visitDate, gestationalAgeWeeks: v.gaWeeks, fetalMovement: visit.fetalMovement },
    });
  }
}

function hemoglobin(ctx: AssessmentContext, warnings: FindingV1[]): void {
  const measured = latestMeasurement(ctx.visits, 'hemoglobin');
  if (measured === null) return;
  const hb = measured.value;
  const { gaWeeks, visit } = measured.at;
  const threshold = hbThreshold(gaWeeks, ctx.rules.who);
  if (meets(hb, threshold)) {
    warnings.push({
      ruleId: FINDING_IDS.anaemia,
      description: `Anaemia: Hb ${describeThreshold(threshold)} g/dL at ${gaWeeks ?? '?'} weeks.`,
      facts: {
        visitDate: visit.visitDate,
        gestationalAgeWeeks: gaWeeks,
        hemoglobin: hb,
        threshold: threshold.value,
      },
    });
  }
}

function lila(ctx: AssessmentContext, warnings: FindingV1[]): void {
  const measured = latestMeasurement(ctx.visits, 'lilaCm');
  if (measured === null) return;
  const cm = measured.value;
  if (meets(cm, ctx.rules.who.lilaCm)) {
    warnings.push({
      ruleId: FINDING_IDS.lila,
      description: `Chronic energy deficiency (KEK): LiLA ${describeThreshold(ctx.rules.who.lilaCm)} cm.`,
      facts: { visitDate: measured.at.visit.visitDate, lilaCm: cm },
    });
  }
}

function stature(ctx: AssessmentContext, warnings: FindingV1[]): void {
  const height = ctx.pregnancy.heightCm;
  if (isKnown(height) && meets(height, ctx.rules.who.shortStatureCm)) {
    warnings.push({
      ruleId: FINDING_IDS.shortStature,
      description: `Short stature: height ${describeThreshold(ctx.rules.who.shortStatureCm)} cm (risk of cephalopelvic disproportion).`,
      facts: { heightCm: height },
    });
  }
}

function overdue(ctx: AssessmentContext, warnings: FindingV1[]): void {
  const next = ctx.nextContact;
  if (next === null || !next.overdue) return;
  warnings.push({
    ruleId: FINDING_IDS.overdueVisit,
    description: `ANC contact ${next.contact} (target week ${next.targetWeek}) is overdue.`,
    facts: {
      contact: next.contact,
      targetWeek: next.targetWeek,
      overdueFrom: next.overdueFrom,
      lastVisitDate: next.lastVisitDate,
      gestationalAgeDays: ctx.gaDays,
    },
  });
}

export function evaluateFindings(ctx: AssessmentContext): Findings {
  const emergencies: FindingV1[] = [];
  const warnings: FindingV1[] = [];
  const latest = ctx.latest;
  if (latest !== null) {
    const v = latest.visit;
    dangerSigns(v, ctx.rules, emergencies, warnings);
    bloodPressure(v, ctx.rules, emergencies, warnings);
    temperature(v, ctx.rules, emergencies, warnings);
    pulse(v, ctx.rules, emergencies, warnings);
    spo2(v, ctx.rules, emergencies);
    fetus(latest, ctx.rules, emergencies, warnings);
  }
  hemoglobin(ctx, warnings);
  lila(ctx, warnings);
  stature(ctx, warnings);
  overdue(ctx, warnings);
  return { emergencies, warnings };
}
