/**
 * Referral and escort vocabulary: wire values of the referral service's events and API.
 * Stable strings, never renumbered (domain reference, section 4).
 */

/** Emergency: now, to a PONEK hospital. Planned: a KSPR KRST woman before labour (RDB/RTW on the card). */
export const REFERRAL_URGENCY_LEVELS = ['emergency', 'planned'] as const;
export type ReferralUrgencyLevel = (typeof REFERRAL_URGENCY_LEVELS)[number];

/** Who asked for the referral. */
export const REFERRAL_ORIGINS = ['clinician', 'alert', 'planned'] as const;
export type ReferralOrigin = (typeof REFERRAL_ORIGINS)[number];

/** What a receiving facility can do; a referral needs all of the capabilities its reason calls for. */
export const FACILITY_CAPABILITIES = [
  'obstetrician', // spesialis obstetri dan ginekologi on call
  'ponek', // Pelayanan Obstetri Neonatal Emergensi Komprehensif
  'caesarean',
  'blood-bank',
  'icu',
  'nicu',
] as const;
export type FacilityCapability = (typeof FACILITY_CAPABILITIES)[number];

/** Why a hospital declines (most declines are for lack of room, domain reference section 4). */
export const REFERRAL_DECLINE_REASONS = ['no-room', 'no-specialist', 'no-equipment', 'no-blood', 'other'] as const;
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number];

export const REFERRAL_ESCALATION_REASONS = ['no-capable-hospital', 'every-hospital-declined-or-silent'] as const;
export type ReferralEscalationReason = (typeof REFERRAL_ESCALATION_REASONS)[number];

/** Progress an escort reports after accepting, in this order (a step may be skipped, never undone). */
export const ESCORT_PROGRESS = ['en-route', 'picked-up', 'arrived'] as const;
export type EscortProgress = (typeof ESCORT_PROGRESS)[number];

/** Who the escort offers went to: responders covering her village first, then those of the district or nearby. */
export const ESCORT_WAVES = ['village', 'district'] as const;
export type EscortWave = (typeof ESCORT_WAVES)[number];

/**
 * Why an escort was cancelled. Codes only: a free-text note could carry clinical facts to an escort,
 * so notes stay with the referral and never reach escort payloads.
 */
export const ESCORT_CANCEL_REASONS = [
  'no-longer-needed',
  'referral-cancelled',
  'responder-unavailable',
  'vehicle-problem',
  'patient-not-found',
  'other',
] as const;
export type EscortCancelReason = (typeof ESCORT_CANCEL_REASONS)[number];

export const ESCORT_CANCELLED_BY = ['responder', 'clinician', 'district', 'system'] as const;
export type EscortCancelledBy = (typeof ESCORT_CANCELLED_BY)[number];

/** ICD-10 code as clinicians write it: O14.1, O99.0, Z35.9 (letter, two digits, optional decimal part). */
export const ICD10_PATTERN = /^[A-TV-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/;
