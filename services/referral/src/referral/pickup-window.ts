const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A pickup planned for a moment just gone is still the plan (the form took a while to send); an hour ago is a typo. */
export const PICKUP_PAST_GRACE_MINUTES = 60;

/**
 * Why a requested pickup time is no real plan, or null when it is: in the past beyond the grace, or further ahead
 * than `maxDaysAhead` (no pregnancy lasts longer; 1970 and 9999 were both accepted and booked).
 */
export function pickupAtRefusal(pickupAt: Date, now: Date, maxDaysAhead: number): string | null {
  if (pickupAt.getTime() < now.getTime() - PICKUP_PAST_GRACE_MINUTES * MINUTE_MS) {
    return `is more than ${PICKUP_PAST_GRACE_MINUTES} minutes in the past`;
  }
  if (pickupAt.getTime() > now.getTime() + maxDaysAhead * DAY_MS) return `is more than ${maxDaysAhead} days ahead`;
  return null;
}
