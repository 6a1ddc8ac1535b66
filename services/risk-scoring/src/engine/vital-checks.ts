import type { AncVisitV1, DangerSign, UrineProtein } from '@siaga/contracts';
import type { BpThreshold, WhoRules } from './rule-set';
import { isKnown, meets, type Threshold, type Tri } from './thresholds';

/** Clinical predicates on one visit, shared by KSPR factors and WHO findings so both read a fact the same way. */

const PROTEIN_RANK: Readonly<Record<UrineProtein, number>> = {
  negative: 0,
  trace: 1,
  '+': 2,
  '++': 3,
  '+++': 4,
  '++++': 5,
};

/**
 * BP over a threshold on either reading (first or repeat, systolic or diastolic).
 * Unknown only if nothing was measured; a single recorded value that is below is taken as below.
 */
export function bpExceeds(v: AncVisitV1, t: BpThreshold): Tri {
  let measured = false;
  if (isKnown(v.systolic)) {
    if (meets(v.systolic, t.systolic)) return true;
    measured = true;
  }
  if (isKnown(v.systolicRepeat)) {
    if (meets(v.systolicRepeat, t.systolic)) return true;
    measured = true;
  }
  if (isKnown(v.diastolic)) {
    if (meets(v.diastolic, t.diastolic)) return true;
    measured = true;
  }
  if (isKnown(v.diastolicRepeat)) {
    if (meets(v.diastolicRepeat, t.diastolic)) return true;
    measured = true;
  }
  return measured ? false : null;
}

export function proteinuria(v: AncVisitV1, from: UrineProtein): Tri {
  return isKnown(v.urineProtein) ? PROTEIN_RANK[v.urineProtein] >= PROTEIN_RANK[from] : null;
}

export function reportedAny(v: AncVisitV1, signs: readonly DangerSign[]): boolean {
  for (const s of signs) if (v.dangerSigns.includes(s)) return true;
  return false;
}

export function reportedAll(v: AncVisitV1, signs: readonly DangerSign[]): boolean {
  for (const s of signs) if (!v.dangerSigns.includes(s)) return false;
  return true;
}

/** WHO-HB: < 11.0 at <= 12 or >= 28 weeks, < 10.5 at 13-27 weeks; unknown gestational age gets the stricter 11.0. */
export function hbThreshold(gaWeeks: number | null, rules: WhoRules): Threshold {
  const { hb } = rules;
  return gaWeeks !== null && gaWeeks >= hb.midPregnancyFromWeeks && gaWeeks <= hb.midPregnancyToWeeks
    ? hb.midPregnancyThreshold
    : hb.threshold;
}

/** The reading that counts for "no heartbeat": the repeat if taken (a second listen that finds it wins), else the first. */
export function finalFetalHeartRate(v: AncVisitV1): number | null {
  if (isKnown(v.fetalHeartRateRepeat)) return v.fetalHeartRateRepeat;
  return isKnown(v.fetalHeartRate) ? v.fetalHeartRate : null;
}

/** How many of the (up to two) readings are outside the normal range, and how many were taken. */
export function countOutside(
  first: number | null | undefined,
  repeat: number | null | undefined,
  low: Threshold,
  high: Threshold,
): {
  readonly taken: number;
  readonly outside: number;
} {
  let taken = 0;
  let outside = 0;
  if (isKnown(first)) {
    taken++;
    if (meets(first, low) || meets(first, high)) outside++;
  }
  if (isKnown(repeat)) {
    taken++;
    if (meets(repeat, low) || meets(repeat, high)) outside++;
  }
  return { taken, outside };
}
