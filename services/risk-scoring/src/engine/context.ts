import type { AncVisitV1 } from '@siaga/contracts';
import type { AssessmentInput, ScoredPregnancy } from './assessment.types';
import { completedYears, epochDayFromDate, parseIsoDate } from './dates';
import type { RuleSet } from './rule-set';
import { isKnown, unreachable } from './thresholds';
import { nextContactFromDays, type NextContact } from './visit-schedule';

/** A visit with its dates parsed once. */
export interface VisitFacts {
  readonly visit: AncVisitV1;
  readonly day: number;
  /** Completed weeks from HPHT at the visit; null if the visit is dated before HPHT. */
  readonly gaWeeks: number | null;
}

/** Everything the rules read, derived once per assessment. */
export interface AssessmentContext {
  readonly pregnancy: ScoredPregnancy;
  readonly rules: RuleSet;
  readonly asOfDay: number;
  readonly hphtDay: number;
  /** Days from HPHT at asOf; null before HPHT. */
  readonly gaDays: number | null;
  readonly gaWeeks: number | null;
  readonly ageYears: number;
  readonly firstPregnancy: boolean;
  readonly yearsSinceLastBirth: number | null;
  readonly yearsMarriedAtHpht: number | null;
  /** Visits on or before asOf, in input order. */
  readonly visits: readonly VisitFacts[];
  readonly latest: VisitFacts | null;
  readonly nextContact: NextContact | null;
}

export function buildContext(input: AssessmentInput, rules: RuleSet): AssessmentContext {
  const { pregnancy } = input;
  const { history } = pregnancy;
  const asOfDay = epochDayFromDate(input.asOf);
  const hphtDay = parseIsoDate(pregnancy.hpht);
  const gaDays = asOfDay >= hphtDay ? asOfDay - hphtDay : null;

  const visits: VisitFacts[] = [];
  let latest: VisitFacts | null = null;
  for (const visit of input.visits) {
    const day = parseIsoDate(visit.visitDate);
    if (day > asOfDay) continue;
    const facts: VisitFacts = { visit, day, gaWeeks: day >= hphtDay ? Math.floor((day - hphtDay) / 7) : null };
    visits.push(facts);
    if (latest === null || day >= latest.day) latest = facts; // ties: the later in the array wins
  }

  return {
    pregnancy,
    rules,
    asOfDay,
    hphtDay,
    gaDays,
    gaWeeks: gaDays === null ? null : Math.floor(gaDays / 7),
    ageYears: completedYears(parseIsoDate(pregnancy.motherBirthDate), asOfDay),
    firstPregnancy: history.gravida === 1,
    yearsSinceLastBirth: isKnown(history.lastBirthDate) ? completedYears(parseIsoDate(history.lastBirthDate), hphtDay) : null,
    yearsMarriedAtHpht: isKnown(history.marriageDate) ? completedYears(parseIsoDate(history.marriageDate), hphtDay) : null,
    visits,
    latest,
    nextContact: nextContactFromDays(
      rules.visitSchedule,
      hphtDay,
      latest === null ? null : { day: latest.day, date: latest.visit.visitDate },
      asOfDay,
    ),
  };
}

export interface Measurement {
  readonly at: VisitFacts;
  readonly value: number;
}

/** The latest recorded value of a measurement (by visit date, ties by array order), for chronic states such as Hb. */
export function latestMeasurement(visits: readonly VisitFacts[], field: 'hemoglobin' | 'lilaCm'): Measurement | null {
  let at: VisitFacts | null = null;
  let value = 0;
  for (const v of visits) {
    const x = v.visit[field];
    if (isKnown(x) && (at === null || v.day >= at.day)) {
      at = v;
      value = x;
    }
  }
  return at === null ? null : { at, value };
}

export interface AnyVisit {
  readonly value: boolean | null;
  /** The latest visit that made it true, else null. */
  readonly visit: VisitFacts | null;
}

/**
 * How "at any visit" combines per-visit answers when none is true:
 * - 'evidence': one recorded negative is enough for false (a fact not re-recorded at every visit, e.g. fetus count);
 * - 'kleene': one unknown visit keeps the answer unknown (e.g. symptoms reported but BP not measured).
 * No visits is always unknown.
 */
export type AnyVisitMode = 'evidence' | 'kleene';

export function anyVisit(ctx: AssessmentContext, check: (v: VisitFacts, rules: RuleSet) => boolean | null, mode: AnyVisitMode): AnyVisit {
  let found: VisitFacts | null = null;
  let sawFalse = false;
  let sawUnknown = false;
  for (const v of ctx.visits) {
    const r = check(v, ctx.rules);
    if (r === true) {
      if (found === null || v.day >= found.day) found = v;
    } else if (r === false) sawFalse = true;
    else sawUnknown = true;
  }
  if (found !== null) return { value: true, visit: found };
  switch (mode) {
    case 'evidence':
      return { value: sawFalse ? false : null, visit: null };
    case 'kleene':
      return { value: sawFalse && !sawUnknown ? false : null, visit: null };
    default:
      return unreachable(mode);
  }
}
