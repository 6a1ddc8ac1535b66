import type { RiskCategory } from '@siaga/contracts';

const DAY_MS = 86_400_000;

export interface PlannedCandidate {
  status: 'open' | 'closed';
  riskCategory: RiskCategory | null;
  /** Due date (HPL), YYYY-MM-DD. */
  hpl: string | null;
}

/** First day of the planned-referral window: `windowDays` before HPL. */
export const windowStart = (hpl: string, windowDays: number): string =>
  new Date(Date.parse(`${hpl}T00:00:00Z`) - windowDays * DAY_MS).toISOString().slice(0, 10);

/**
 * KSPR card, back (domain reference, section 2): a KRST woman is referred to hospital before labour,
 * as a planned referral, not an emergency one. Due from `windowDays` before HPL; a woman already past
 * it (post-term, KSPR-16) still is. Whether she already has a referral is the caller's question.
 */
export function plannedReferralDue(p: PlannedCandidate, today: string, windowDays: number): boolean {
  return p.status === 'open' && p.riskCategory === 'KRST' && p.hpl !== null && today >= windowStart(p.hpl, windowDays);
}

/**
 * When the escort should bring her in: `daysBefore` HPL at 08:00 WIB (01:00 UTC), so she waits near the
 * hospital (rumah singgah) before labour; at once when that moment has passed.
 */
export function plannedPickupAt(hpl: string, now: Date, daysBefore: number): Date {
  const planned = new Date(Date.parse(`${hpl}T01:00:00Z`) - daysBefore * DAY_MS);
  return planned.getTime() > now.getTime() ? planned : now;
}
