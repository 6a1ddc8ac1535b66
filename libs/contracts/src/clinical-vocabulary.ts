/**
 * Shared clinical vocabulary. Values are the wire format of every event and API,
 * so they are stable strings, never renumbered enums.
 * Rule ids refer to shared/domain/bumil-risti.md.
 */

/** KSPR-11a..f: known maternal conditions. */
export const CONDITIONS = [
  'anaemia', // KSPR-11a
  'malaria', // KSPR-11b
  'tuberculosis', // KSPR-11c
  'heart-failure', // KSPR-11d
  'diabetes', // KSPR-11e
  'sti', // KSPR-11f
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const URINE_PROTEIN = ['negative', 'trace', '+', '++', '+++', '++++'] as const;
export type UrineProtein = (typeof URINE_PROTEIN)[number];

export const PRESENTATIONS = ['cephalic', 'breech', 'transverse'] as const;
export type Presentation = (typeof PRESENTATIONS)[number];

export const FETAL_MOVEMENT = ['normal', 'reduced', 'none'] as const;
export type FetalMovement = (typeof FETAL_MOVEMENT)[number];

/** WHO ANC danger signs and the Buku KIA signs a woman is taught (domain reference, section 3). */
export const DANGER_SIGNS = [
  'vaginal-bleeding',
  'convulsions',
  'severe-headache',
  'blurred-vision',
  'epigastric-pain',
  'dizziness',
  'vomiting',
  'persistent-vomiting',
  'fever-too-weak',
  'severe-abdominal-pain',
  'fast-or-difficult-breathing',
  'central-cyanosis',
  'unconscious',
  'looks-very-ill',
  'imminent-delivery',
  'waters-broken-preterm',
] as const;
export type DangerSign = (typeof DANGER_SIGNS)[number];

export const PREGNANCY_OUTCOMES = ['delivered', 'miscarriage', 'stillbirth', 'maternal-death', 'moved-away'] as const;
export type PregnancyOutcome = (typeof PREGNANCY_OUTCOMES)[number];

/** KSPR categories by total score (domain reference, section 2). */
export const RISK_CATEGORIES = ['KRR', 'KRT', 'KRST'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
