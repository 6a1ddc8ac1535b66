/** Rule ids from shared/domain/bumil-risti.md; the README in this folder lists what each one checks. */

/** KSPR-0 (baseline) and every factor of the Poedji Rochjati card, in card order. */
export const KSPR_FACTOR_IDS = [
  'KSPR-0',
  'KSPR-1',
  'KSPR-2a',
  'KSPR-2b',
  'KSPR-3',
  'KSPR-4',
  'KSPR-5',
  'KSPR-6',
  'KSPR-7',
  'KSPR-8',
  'KSPR-9a',
  'KSPR-9b',
  'KSPR-9c',
  'KSPR-10',
  'KSPR-11a',
  'KSPR-11b',
  'KSPR-11c',
  'KSPR-11d',
  'KSPR-11e',
  'KSPR-11f',
  'KSPR-12',
  'KSPR-13',
  'KSPR-14',
  'KSPR-15',
  'KSPR-16',
  'KSPR-17',
  'KSPR-18',
  'KSPR-19',
  'KSPR-20',
] as const;
export type KsprFactorId = (typeof KSPR_FACTOR_IDS)[number];

/** Finding ids other than danger signs (those are `WHO-DANGER-SIGN:<sign>`, see the rule set). */
export const FINDING_IDS = {
  bpSevere: 'WHO-BP-SEVERE',
  bpHigh: 'WHO-BP-HIGH',
  preEclampsia: 'WHO-PE',
  severePreEclampsia: 'WHO-PE-SEVERE',
  preEclampsiaSymptomsBpUnknown: 'WHO-PE-SYMPTOMS-BP-UNKNOWN',
  temperature: 'WHO-TEMP',
  temperatureUnconfirmed: 'WHO-TEMP-UNCONFIRMED',
  pulse: 'WHO-PULSE',
  pulseUnconfirmed: 'WHO-PULSE-UNCONFIRMED',
  spo2: 'WHO-SPO2',
  fetalHeartRate: 'WHO-FHR',
  fetalHeartRateUnconfirmed: 'WHO-FHR-UNCONFIRMED',
  fetalMovement: 'WHO-FM',
  anaemia: 'WHO-HB',
  lila: 'KEMENKES-LILA',
  shortStature: 'KEMENKES-TB',
  overdueVisit: 'OVERDUE-VISIT',
} as const;
export type FindingId = (typeof FINDING_IDS)[keyof typeof FINDING_IDS];
