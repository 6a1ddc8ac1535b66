/** Time limits and scopes of the referral exchange and escort dispatch, from the environment. */
export interface ReferralConfig {
  /** How long a hospital has to answer an emergency referral before it moves on (issue 5: 10 minutes). */
  emergencyAnswerSeconds: number;
  /** How long a hospital has to answer a planned referral. */
  plannedAnswerSeconds: number;
  /** KRST pregnancies get a planned referral this many days before HPL (KSPR card: planned referral before labour). */
  plannedWindowDays: number;
  /** A planned referral's pickup: this many days before HPL (or at once when that has passed). */
  plannedPickupDaysBeforeHpl: number;
  /** How far ahead a referrer may book a planned pickup (`pickupAt`): no more than a whole pregnancy (280 days). */
  plannedPickupMaxDaysAhead: number;
  /** How long each wave of escort offers stays open before it widens (emergency / planned). */
  escortEmergencyAnswerSeconds: number;
  escortPlannedAnswerSeconds: number;
  /** Responders within this distance of the pickup are in the second (district) wave too. */
  escortNearbyKm: number;
  /** How often the cascade and escort timers look for expired deadlines. */
  timerPollMs: number;
  /** How often KRST pregnancies are checked for a due planned referral. */
  plannedScanMs: number;
}

export const REFERRAL_CONFIG = Symbol('REFERRAL_CONFIG');

const positive = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
};

export function referralConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralConfig {
  return {
    emergencyAnswerSeconds: positive('REFERRAL_EMERGENCY_ANSWER_SECONDS', env.REFERRAL_EMERGENCY_ANSWER_SECONDS, 600),
    plannedAnswerSeconds: positive('REFERRAL_PLANNED_ANSWER_SECONDS', env.REFERRAL_PLANNED_ANSWER_SECONDS, 4 * 3600),
    plannedWindowDays: positive('PLANNED_REFERRAL_WINDOW_DAYS', env.PLANNED_REFERRAL_WINDOW_DAYS, 14),
    plannedPickupDaysBeforeHpl: positive('PLANNED_PICKUP_DAYS_BEFORE_HPL', env.PLANNED_PICKUP_DAYS_BEFORE_HPL, 7),
    plannedPickupMaxDaysAhead: positive('PLANNED_PICKUP_MAX_DAYS_AHEAD', env.PLANNED_PICKUP_MAX_DAYS_AHEAD, 280),
    escortEmergencyAnswerSeconds: positive('ESCORT_EMERGENCY_ANSWER_SECONDS', env.ESCORT_EMERGENCY_ANSWER_SECONDS, 180),
    escortPlannedAnswerSeconds: positive('ESCORT_PLANNED_ANSWER_SECONDS', env.ESCORT_PLANNED_ANSWER_SECONDS, 3600),
    escortNearbyKm: positive('ESCORT_NEARBY_KM', env.ESCORT_NEARBY_KM, 15),
    timerPollMs: positive('REFERRAL_TIMER_POLL_MS', env.REFERRAL_TIMER_POLL_MS, 1000),
    plannedScanMs: positive('PLANNED_REFERRAL_SCAN_MS', env.PLANNED_REFERRAL_SCAN_MS, 60_000),
  };
}
