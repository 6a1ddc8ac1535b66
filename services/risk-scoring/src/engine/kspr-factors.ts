import type { AncVisitV1, Condition, FactorStatus, KsprFactorResultV1, RiskCategory } from '@siaga/contracts';
import { anyVisit, latestMeasurement, type AssessmentContext, type VisitFacts } from './context';
import { KSPR_FACTOR_IDS, type KsprFactorId } from './rule-ids';
import type { RuleSet } from './rule-set';
import { and3, isKnown, meets, triOf, type Tri } from './thresholds';
import { bpExceeds, finalFetalHeartRate, hbThreshold, reportedAny } from './vital-checks';

/** KSPR (Kartu Skor Poedji Rochjati), shared/domain/bumil-risti.md section 2. */

interface Evaluation {
  readonly status: FactorStatus;
  readonly facts: Record<string, unknown>;
}
type FactorRule = (ctx: AssessmentContext) => Evaluation;

function judged(value: Tri, facts: Record<string, unknown>): Evaluation {
  return { status: value === null ? 'unknown' : value ? 'present' : 'absent', facts };
}

function condition(c: Condition): FactorRule {
  return (ctx) => {
    const listed = ctx.pregnancy.conditions.includes(c);
    return judged(listed, { condition: c, listed });
  };
}

// Per-visit checks live at module level so an assessment allocates no closures.
const hasPresentation = (v: AncVisitV1): boolean => isKnown(v.presentation);
const multipleFetuses = (v: VisitFacts): Tri => (isKnown(v.visit.fetusCount) ? v.visit.fetusCount >= 2 : null);
const polyhydramnios = (v: VisitFacts): Tri => triOf(v.visit.polyhydramnios);
const vaginalBleeding = (v: VisitFacts): Tri => v.visit.dangerSigns.includes('vaginal-bleeding');

/** KSPR-17 / KSPR-18: the latest presentation recorded from presentationFromWeeks on. */
function presentation(wanted: 'breech' | 'transverse'): FactorRule {
  return (ctx) => {
    const from = ctx.rules.kspr.presentationFromWeeks;
    let found: VisitFacts | null = null;
    for (const v of ctx.visits) {
      if (hasPresentation(v.visit) && v.gaWeeks !== null && v.gaWeeks >= from && (found === null || v.day >= found.day)) {
        found = v;
      }
    }
    if (found !== null) {
      return judged(found.visit.presentation === wanted, {
        presentation: found.visit.presentation,
        visitDate: found.visit.visitDate,
        gestationalAgeWeeks: found.gaWeeks,
      });
    }
    // Before the cut-off the factor does not apply yet; after it, an unrecorded presentation is unknown.
    const applies = ctx.gaWeeks !== null && ctx.gaWeeks >= from;
    return judged(applies ? null : false, {
      presentation: null,
      gestationalAgeWeeks: ctx.gaWeeks,
      assessedFromWeeks: from,
    });
  };
}

function hypertensionWithPreEclampsiaSymptom(v: VisitFacts, rules: RuleSet): Tri {
  if (v.visit.dangerSigns.includes('convulsions')) return true;
  return and3(reportedAny(v.visit, rules.who.preEclampsiaSymptoms), bpExceeds(v.visit, rules.who.bpHigh));
}

function fetalDeath(v: VisitFacts, rules: RuleSet): Tri {
  const { intrauterineFetalDeath } = v.visit;
  if (intrauterineFetalDeath === true) return true;
  const fhr = finalFetalHeartRate(v.visit);
  // Before the cut-off a doppler often cannot find a heartbeat yet, so 0 proves nothing.
  if (fhr === 0 && v.gaWeeks !== null && v.gaWeeks >= rules.kspr.noHeartbeatFromWeeks) return true;
  // A heartbeat heard is as good as a recorded "no".
  return intrauterineFetalDeath === false || (fhr !== null && fhr > 0) ? false : null;
}

const FACTOR_RULES: Readonly<Record<KsprFactorId, FactorRule>> = {
  'KSPR-0': () => judged(true, {}),

  'KSPR-1': (ctx) =>
    judged(ctx.firstPregnancy && meets(ctx.ageYears, ctx.rules.kspr.youngFirstPregnancyAgeYears), {
      firstPregnancy: ctx.firstPregnancy,
      ageYears: ctx.ageYears,
    }),

  'KSPR-2a': (ctx) => {
    if (!ctx.firstPregnancy) return judged(false, { firstPregnancy: false });
    const years = ctx.yearsMarriedAtHpht;
    return judged(years === null ? null : meets(years, ctx.rules.kspr.yearsMarriedAtFirstPregnancy), {
      firstPregnancy: true,
      yearsMarriedAtHpht: years,
    });
  },

  'KSPR-2b': (ctx) =>
    judged(ctx.firstPregnancy && meets(ctx.ageYears, ctx.rules.kspr.oldFirstPregnancyAgeYears), {
      firstPregnancy: ctx.firstPregnancy,
      ageYears: ctx.ageYears,
    }),

  'KSPR-3': (ctx) => lastBirthInterval(ctx, 'short'),
  'KSPR-4': (ctx) => lastBirthInterval(ctx, 'long'),

  'KSPR-5': (ctx) => {
    const { count, threshold } = ctx.rules.kspr.manyChildren;
    const n = ctx.pregnancy.history[count];
    return judged(meets(n, threshold), { [count]: n });
  },

  'KSPR-6': (ctx) => judged(meets(ctx.ageYears, ctx.rules.kspr.oldAgeYears), { ageYears: ctx.ageYears }),

  'KSPR-7': (ctx) => {
    const height = ctx.pregnancy.heightCm;
    return judged(isKnown(height) ? meets(height, ctx.rules.kspr.shortStatureCm) : null, { heightCm: height ?? null });
  },

  'KSPR-8': (ctx) => {
    const { gravida, abortus, stillbirths } = ctx.pregnancy.history;
    const facts = { gravida, abortus, stillbirths: stillbirths ?? null };
    if (abortus > 0) return judged(true, facts);
    if (isKnown(stillbirths)) return judged(stillbirths > 0, facts);
    // No earlier pregnancy, so nothing can have been lost.
    return judged(gravida === 1 ? false : null, facts);
  },

  'KSPR-9a': (ctx) => judged(ctx.pregnancy.history.forcepsOrVacuum, { forcepsOrVacuum: ctx.pregnancy.history.forcepsOrVacuum }),
  'KSPR-9b': (ctx) =>
    judged(ctx.pregnancy.history.manualPlacentaRemoval, {
      manualPlacentaRemoval: ctx.pregnancy.history.manualPlacentaRemoval,
    }),
  'KSPR-9c': (ctx) =>
    judged(ctx.pregnancy.history.infusionOrTransfusion, {
      infusionOrTransfusion: ctx.pregnancy.history.infusionOrTransfusion,
    }),
  'KSPR-10': (ctx) => judged(ctx.pregnancy.history.previousCaesarean, { previousCaesarean: ctx.pregnancy.history.previousCaesarean }),

  // Anaemia: on the condition list, or the latest measured Hb is below WHO-HB for the week it was taken.
  'KSPR-11a': (ctx) => {
    const listed = ctx.pregnancy.conditions.includes('anaemia');
    const measured = latestMeasurement(ctx.visits, 'hemoglobin');
    if (measured === null) return judged(listed ? true : null, { condition: 'anaemia', listed, hemoglobin: null });
    const hb = measured.value;
    const threshold = hbThreshold(measured.at.gaWeeks, ctx.rules.who);
    return judged(listed || meets(hb, threshold), {
      condition: 'anaemia',
      listed,
      hemoglobin: hb,
      hemoglobinThreshold: threshold.value,
      visitDate: measured.at.visit.visitDate,
      gestationalAgeWeeks: measured.at.gaWeeks,
    });
  },
  'KSPR-11b': condition('malaria'),
  'KSPR-11c': condition('tuberculosis'),
  'KSPR-11d': condition('heart-failure'),
  'KSPR-11e': condition('diabetes'),
  'KSPR-11f': condition('sti'),

  // Oedema with high BP, both at the latest visit: a current state, not history.
  'KSPR-12': (ctx) => {
    const v = ctx.latest;
    if (v === null) return judged(null, { visitDate: null });
    return judged(and3(triOf(v.visit.oedema), bpExceeds(v.visit, ctx.rules.who.bpHigh)), {
      visitDate: v.visit.visitDate,
      oedema: v.visit.oedema ?? null,
      systolic: v.visit.systolic ?? null,
      diastolic: v.visit.diastolic ?? null,
      systolicRepeat: v.visit.systolicRepeat ?? null,
      diastolicRepeat: v.visit.diastolicRepeat ?? null,
    });
  },

  'KSPR-13': (ctx) => {
    const r = anyVisit(ctx, multipleFetuses, 'evidence');
    return judged(r.value, {
      fetusCount: r.visit?.visit.fetusCount ?? null,
      visitDate: r.visit?.visit.visitDate ?? null,
    });
  },

  'KSPR-14': (ctx) => {
    const r = anyVisit(ctx, polyhydramnios, 'evidence');
    return judged(r.value, { polyhydramnios: r.value, visitDate: r.visit?.visit.visitDate ?? null });
  },

  'KSPR-15': (ctx) => {
    const r = anyVisit(ctx, fetalDeath, 'evidence');
    const v = r.visit?.visit;
    return judged(r.value, {
      visitDate: v?.visitDate ?? null,
      intrauterineFetalDeath: v?.intrauterineFetalDeath ?? null,
      fetalHeartRate: v === undefined ? null : finalFetalHeartRate(v),
    });
  },

  'KSPR-16': (ctx) =>
    judged(ctx.gaWeeks === null ? null : meets(ctx.gaWeeks, ctx.rules.kspr.postTermWeeks), {
      gestationalAgeWeeks: ctx.gaWeeks,
      gestationalAgeDays: ctx.gaDays,
    }),

  'KSPR-17': presentation('breech'),
  'KSPR-18': presentation('transverse'),

  'KSPR-19': (ctx) => {
    const r = anyVisit(ctx, vaginalBleeding, 'evidence');
    return judged(r.value, { vaginalBleeding: r.value, visitDate: r.visit?.visit.visitDate ?? null });
  },

  // Severe pre-eclampsia by the WHO-PE-SEVERE criteria, or convulsions, at any visit of this pregnancy.
  'KSPR-20': (ctx) => {
    const r = anyVisit(ctx, hypertensionWithPreEclampsiaSymptom, 'kleene');
    const v = r.visit?.visit;
    return judged(r.value, {
      visitDate: v?.visitDate ?? null,
      convulsions: v === undefined ? null : v.dangerSigns.includes('convulsions'),
      systolic: v?.systolic ?? null,
      diastolic: v?.diastolic ?? null,
      dangerSigns: v === undefined ? null : [...v.dangerSigns],
    });
  },
};

/** KSPR-3 (< 2 years) / KSPR-4 (>= 10 years): from the last birth to HPHT, the start of this pregnancy. */
function lastBirthInterval(ctx: AssessmentContext, which: 'short' | 'long'): Evaluation {
  const { gravida, para, lastBirthDate } = ctx.pregnancy.history;
  const years = ctx.yearsSinceLastBirth;
  const facts = { gravida, para, lastBirthDate: lastBirthDate ?? null, yearsSinceLastBirth: years };
  if (years === null) return judged(gravida === 1 || para === 0 ? false : null, facts); // never gave birth: no interval
  const threshold = which === 'short' ? ctx.rules.kspr.yearsSinceLastBirthShort : ctx.rules.kspr.yearsSinceLastBirthLong;
  return judged(meets(years, threshold), facts);
}

export function evaluateKsprFactors(ctx: AssessmentContext): KsprFactorResultV1[] {
  const points = ctx.rules.kspr.points;
  const results: KsprFactorResultV1[] = [];
  for (const ruleId of KSPR_FACTOR_IDS) {
    const { status, facts } = FACTOR_RULES[ruleId](ctx);
    results.push({ ruleId, status, points: status === 'present' ? points[ruleId] : 0, facts });
  }
  return results;
}

/** Card back: < 6 KRR, 6-10 KRT, >= 12 KRST (totals are 2, 6, 10, 14, ..., so the gaps never occur with card points). */
export function riskCategory(score: number, rules: RuleSet): RiskCategory {
  const { krtFrom, krstFrom } = rules.kspr.categories;
  if (score >= krstFrom) return 'KRST';
  return score >= krtFrom ? 'KRT' : 'KRR';
}
