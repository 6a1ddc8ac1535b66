/** The referral service's events (topics `referral` and `escort`). Owned by the referral service; add its events here. */
export const REFERRAL_EVENTS = {} as const;
