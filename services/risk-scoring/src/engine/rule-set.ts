import type { DangerSign, UrineProtein } from '@siaga/contracts';
import type { KsprFactorId } from './rule-ids';
import type { Threshold } from './thresholds';
import { ANC_CONTACT_SCHEDULE, type AncContact } from './visit-schedule';

/** Systolic OR diastolic; each reading (first and repeat) is checked on its own. */
export interface BpThreshold {
  readonly systolic: Threshold;
  readonly diastolic: Threshold;
}

/** A danger-sign rule fires when every sign in `allOf` was reported at the visit. */
export interface DangerSignRule {
  readonly ruleId: string;
  readonly allOf: readonly DangerSign[];
  readonly description: string;
}

export interface KsprRules {
  /** Points per factor when present; KSPR-0 is the baseline every pregnancy gets. */
  readonly points: Readonly<Record<KsprFactorId, number>>;
  readonly youngFirstPregnancyAgeYears: Threshold; // KSPR-1
  readonly yearsMarriedAtFirstPregnancy: Threshold; // KSPR-2a
  readonly oldFirstPregnancyAgeYears: Threshold; // KSPR-2b
  readonly yearsSinceLastBirthShort: Threshold; // KSPR-3
  readonly yearsSinceLastBirthLong: Threshold; // KSPR-4
  readonly manyChildren: { readonly count: 'livingChildren' | 'para'; readonly threshold: Threshold }; // KSPR-5
  readonly oldAgeYears: Threshold; // KSPR-6
  readonly shortStatureCm: Threshold; // KSPR-7
  readonly noHeartbeatFromWeeks: number; // KSPR-15
  readonly postTermWeeks: Threshold; // KSPR-16 (completed weeks at asOf)
  /** KSPR-17/18: presentations recorded before this week are ignored (most breech babies still turn). */
  readonly presentationFromWeeks: number;
  /** Card back: below krtFrom is KRR, below krstFrom is KRT, else KRST. */
  readonly categories: { readonly krtFrom: number; readonly krstFrom: number };
}

export interface WhoRules {
  readonly bpHigh: BpThreshold; // WHO-BP-HIGH, and "hypertension" in WHO-PE / WHO-PE-SEVERE / KSPR-12 / KSPR-20
  readonly bpSevere: BpThreshold; // WHO-BP-SEVERE
  readonly proteinuriaFrom: UrineProtein; // WHO-PE
  readonly preEclampsiaSymptoms: readonly DangerSign[]; // WHO-PE-SEVERE, KSPR-20
  readonly urgentDangerSigns: readonly DangerSignRule[]; // emergencies
  readonly warningDangerSigns: readonly DangerSignRule[]; // Buku KIA signs that are not urgent on their own
  readonly feverC: Threshold; // WHO-TEMP
  readonly pulseLow: Threshold; // WHO-PULSE
  readonly pulseHigh: Threshold;
  readonly spo2: Threshold; // WHO-SPO2
  readonly fhrLow: Threshold; // WHO-FHR
  readonly fhrHigh: Threshold;
  readonly fetalChecksFromWeeks: number; // WHO-FHR, WHO-FM
  readonly hb: {
    // WHO-HB, KSPR-11a
    readonly threshold: Threshold;
    readonly midPregnancyThreshold: Threshold;
    readonly midPregnancyFromWeeks: number;
    readonly midPregnancyToWeeks: number;
  };
  readonly lilaCm: Threshold; // KEMENKES-LILA
  readonly shortStatureCm: Threshold; // KEMENKES-TB
}

export interface RuleSet {
  /** Recorded on every assessment (PregnancyAssessedV1.ruleSetVersion). */
  readonly version: string;
  readonly kspr: KsprRules;
  readonly who: WhoRules;
  readonly visitSchedule: readonly AncContact[]; // OVERDUE-VISIT
}

function urgentSign(sign: DangerSign, what: string): DangerSignRule {
  return { ruleId: `WHO-DANGER-SIGN:${sign}`, allOf: [sign], description: `Danger sign: ${what}. Refer urgently.` };
}

/** KSPR as tabled in shared/domain/bumil-risti.md section 2, WHO ANC DAK / Kemenkes as in section 3. */
export const CURRENT_RULE_SET: RuleSet = {
  version: 'kspr-rochjati.v1+who-anc-dak.v1',
  kspr: {
    points: {
      'KSPR-0': 2,
      'KSPR-1': 4,
      'KSPR-2a': 4,
      'KSPR-2b': 4,
      'KSPR-3': 4,
      'KSPR-4': 4,
      'KSPR-5': 4,
      'KSPR-6': 4,
      'KSPR-7': 4,
      'KSPR-8': 4,
      'KSPR-9a': 4,
      'KSPR-9b': 4,
      'KSPR-9c': 4,
      'KSPR-10': 8,
      'KSPR-11a': 4,
      'KSPR-11b': 4,
      'KSPR-11c': 4,
      'KSPR-11d': 4,
      'KSPR-11e': 4,
      'KSPR-11f': 4,
      'KSPR-12': 4,
      'KSPR-13': 4,
      'KSPR-14': 4,
      'KSPR-15': 4,
      'KSPR-16': 4,
      'KSPR-17': 8,
      'KSPR-18': 8,
      'KSPR-19': 8,
      'KSPR-20': 8,
    },
    youngFirstPregnancyAgeYears: { op: '<=', value: 16 },
    yearsMarriedAtFirstPregnancy: { op: '>=', value: 4 },
    oldFirstPregnancyAgeYears: { op: '>=', value: 35 },
    yearsSinceLastBirthShort: { op: '<', value: 2 },
    yearsSinceLastBirthLong: { op: '>=', value: 10 },
    manyChildren: { count: 'livingChildren', threshold: { op: '>=', value: 4 } },
    oldAgeYears: { op: '>=', value: 35 },
    shortStatureCm: { op: '<=', value: 145 },
    noHeartbeatFromWeeks: 20,
    postTermWeeks: { op: '>=', value: 42 },
    presentationFromWeeks: 28,
    categories: { krtFrom: 6, krstFrom: 12 },
  },
  who: {
    bpHigh: { systolic: { op: '>=', value: 140 }, diastolic: { op: '>=', value: 90 } },
    bpSevere: { systolic: { op: '>=', value: 160 }, diastolic: { op: '>=', value: 110 } },
    proteinuriaFrom: '++',
    preEclampsiaSymptoms: [
      'severe-headache',
      'blurred-vision',
      'epigastric-pain',
      'dizziness',
      'vomiting',
      'persistent-vomiting', // vomiting all the same
    ],
    urgentDangerSigns: [
      urgentSign('vaginal-bleeding', 'vaginal bleeding'),
      urgentSign('convulsions', 'convulsions'),
      {
        ruleId: 'WHO-DANGER-SIGN:severe-headache+blurred-vision',
        allOf: ['severe-headache', 'blurred-vision'],
        description: 'Danger sign: severe headache with blurred vision. Refer urgently.',
      },
      urgentSign('fever-too-weak', 'fever, too weak to get out of bed'),
      urgentSign('severe-abdominal-pain', 'severe abdominal pain'),
      urgentSign('fast-or-difficult-breathing', 'fast or difficult breathing'),
      urgentSign('central-cyanosis', 'central cyanosis'),
      urgentSign('unconscious', 'unconscious'),
      urgentSign('looks-very-ill', 'looks very ill'),
      urgentSign('imminent-delivery', 'imminent delivery / labour before term'),
      urgentSign('waters-broken-preterm', 'waters broken before 37 weeks'),
    ],
    warningDangerSigns: [
      {
        ruleId: 'KIA-DANGER-SIGN:persistent-vomiting',
        allOf: ['persistent-vomiting'],
        description: 'Vomiting constantly and unable to eat (Buku KIA danger sign): examine for dehydration.',
      },
    ],
    feverC: { op: '>=', value: 38 },
    pulseLow: { op: '<', value: 60 },
    pulseHigh: { op: '>', value: 100 },
    spo2: { op: '<', value: 92 },
    fhrLow: { op: '<', value: 100 },
    fhrHigh: { op: '>', value: 180 },
    fetalChecksFromWeeks: 20,
    hb: {
      threshold: { op: '<', value: 11.0 },
      midPregnancyThreshold: { op: '<', value: 10.5 },
      midPregnancyFromWeeks: 13,
      midPregnancyToWeeks: 27,
    },
    lilaCm: { op: '<', value: 23.5 },
    shortStatureCm: { op: '<', value: 145 },
  },
  visitSchedule: ANC_CONTACT_SCHEDULE,
};
