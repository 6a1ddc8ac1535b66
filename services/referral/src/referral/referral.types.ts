import type { FacilityCapability, ReferralDeclineReason, ReferralOrigin, ReferralUrgencyLevel } from '@siaga/contracts';
import type { ReferralStatus } from './referral-state';

/** Where the escort picks her up. Copied to the escort request; nothing clinical in it. */
export interface PickupPlace {
  villageCode: string;
  villageName: string;
  districtName: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface Referral {
  id: string;
  pregnancyId: string;
  origin: ReferralOrigin;
  alertId: string | null;
  healthCenterId: string;
  villageCode: string;
  urgency: ReferralUrgencyLevel;
  reason: string;
  icd10: string | null;
  treatmentGiven: string | null;
  historySummary: string | null;
  requiredCapabilities: FacilityCapability[];
  transportNeeded: boolean;
  pickup: PickupPlace;
  contactPhone: string | null;
  pickupAt: Date;
  status: ReferralStatus;
  attempt: number;
  currentHospitalId: string | null;
  respondBy: Date | null;
  acceptedAt: Date | null;
  escalatedAt: Date | null;
  arrivedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const OFFER_OUTCOMES = ['pending', 'accepted', 'declined', 'timed-out', 'withdrawn'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];

/** Attempt n of a referral: one hospital, its deadline and its answer. */
export interface ReferralOffer {
  referralId: string;
  attempt: number;
  hospitalId: string;
  hospitalName: string;
  distanceKm: number | null;
  chosenByDistrict: boolean;
  offeredAt: Date;
  respondBy: Date;
  outcome: OfferOutcome;
  answeredAt: Date | null;
  answeredBy: string | null;
  declineReason: ReferralDeclineReason | null;
  declineNote: string | null;
}

export interface ReferralStep {
  id: number;
  at: Date;
  kind: string;
  attempt: number | null;
  hospitalId: string | null;
  escortId: string | null;
  actor: string;
  detail: Record<string, unknown>;
}

export type NewReferralStep = Omit<ReferralStep, 'id'> & { referralId: string };
