/**
 * A referral's life (issue 5): offered to one hospital at a time → accepted → completed on arrival;
 * a decline or silence offers it to the next hospital; none left → escalated to the district, which may
 * offer it to a hospital of its choice. Cancelled at any point before arrival.
 */
export const REFERRAL_STATUSES = ['offered', 'accepted', 'escalated', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralTransition = 'accept' | 'decline' | 'time-out' | 'offer-next' | 'escalate' | 'redirect' | 'complete' | 'cancel';

const FROM: Readonly<Record<ReferralTransition, readonly ReferralStatus[]>> = {
  accept: ['offered'],
  decline: ['offered'],
  'time-out': ['offered'],
  // After a decline or a timeout the referral is still "offered" until the next hospital is asked.
  'offer-next': ['offered'],
  escalate: ['offered'],
  // The district picks a hospital for an escalated referral.
  redirect: ['escalated'],
  complete: ['accepted'],
  cancel: ['offered', 'accepted', 'escalated'],
};

export const canTransition = (status: ReferralStatus, transition: ReferralTransition): boolean => FROM[transition].includes(status);

export const isOpen = (status: ReferralStatus): boolean => status === 'offered' || status === 'accepted' || status === 'escalated';

/** For listings: pending answers first, then what is still moving, then the finished. */
export const statusRank = (status: ReferralStatus): number =>
  ({ offered: 0, escalated: 1, accepted: 2, completed: 3, cancelled: 4 })[status];
