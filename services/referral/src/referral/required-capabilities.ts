import { FACILITY_CAPABILITIES, type FacilityCapability, type ReferralUrgencyLevel } from '@siaga/contracts';

export interface CapabilityNeed {
  urgency: ReferralUrgencyLevel;
  icd10?: string | null;
  /** Rule ids present in her latest assessment (KSPR factors, WHO emergencies). */
  ruleIds?: readonly string[];
  /** What the referrer asked for on top. */
  requested?: readonly FacilityCapability[];
}

/** ICD-10 chapter O codes (by prefix) and what the receiving hospital must have for them. */
const BY_ICD10: readonly (readonly [prefix: string, needs: readonly FacilityCapability[]])[] = [
  ['O14.1', ['ponek']], // severe pre-eclampsia
  ['O14.2', ['ponek', 'icu']], // HELLP
  ['O15', ['ponek', 'icu']], // eclampsia
  ['O44', ['blood-bank', 'caesarean']], // placenta praevia
  ['O45', ['blood-bank', 'caesarean']], // placental abruption
  ['O46', ['blood-bank', 'caesarean']], // antepartum haemorrhage
  ['O67', ['blood-bank', 'caesarean']], // intrapartum haemorrhage
  ['O72', ['blood-bank']], // postpartum haemorrhage
  ['O32', ['caesarean']], // malpresentation
  ['O33', ['caesarean']], // disproportion
  ['O34.2', ['caesarean']], // uterine scar from a previous caesarean
  ['O64', ['caesarean']], // obstructed labour: malposition
  ['O65', ['caesarean']], // obstructed labour: pelvic abnormality
  ['O66', ['caesarean']], // obstructed labour, other
  ['O30', ['nicu']], // multiple gestation
  ['O42', ['nicu']], // premature rupture of membranes
  ['O60', ['nicu']], // preterm labour
  ['O99.0', ['blood-bank']], // anaemia
];

/** Risk-card and WHO rule ids (shared/domain/bumil-risti.md) and what they call for. */
const BY_RULE: Readonly<Record<string, readonly FacilityCapability[]>> = {
  'KSPR-10': ['caesarean'], // previous caesarean
  'KSPR-17': ['caesarean'], // breech
  'KSPR-18': ['caesarean'], // transverse lie
  'KSPR-19': ['blood-bank'], // bleeding in this pregnancy
  'KSPR-20': ['ponek'], // severe pre-eclampsia / convulsions
  'KSPR-11a': ['blood-bank'], // anaemia
  'KSPR-13': ['nicu'], // twins
  'WHO-PE-SEVERE': ['ponek'],
  'WHO-BP-SEVERE': ['ponek'],
};

const icdMatches = (code: string, prefix: string): boolean =>
  code === prefix || code.startsWith(prefix.includes('.') ? prefix : `${prefix}.`);

/**
 * What a hospital must be able to do to receive her. Every referral goes to an obstetrician; an emergency
 * to a PONEK hospital; the diagnosis and her risk factors add the rest. Sorted, no duplicates.
 */
export function requiredCapabilities(need: CapabilityNeed): FacilityCapability[] {
  const needs = new Set<FacilityCapability>(['obstetrician']);
  if (need.urgency === 'emergency') needs.add('ponek');
  const code = need.icd10?.toUpperCase();
  if (code) for (const [prefix, add] of BY_ICD10) if (icdMatches(code, prefix)) add.forEach((c) => needs.add(c));
  for (const ruleId of need.ruleIds ?? []) (BY_RULE[ruleId] ?? []).forEach((c) => needs.add(c));
  (need.requested ?? []).forEach((c) => needs.add(c));
  return FACILITY_CAPABILITIES.filter((c) => needs.has(c));
}
