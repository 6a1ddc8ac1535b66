import type { EscortCancelReason, EscortCancelledBy, EscortWave, ReferralUrgencyLevel } from '@siaga/contracts';
import type { PickupPlace } from '@referral/referral/referral.types';
import type { EscortStatus } from './escort-state';

export interface Destination {
  facilityName: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface Escort {
  id: string;
  referralId: string;
  status: EscortStatus;
  urgency: ReferralUrgencyLevel;
  pickup: PickupPlace;
  contactPhone: string | null;
  destination: Destination;
  destinationFacilityId: string;
  pickupAt: Date;
  wave: EscortWave;
  respondBy: Date;
  responderId: string | null;
  requestedAt: Date;
  acceptedAt: Date | null;
  enRouteAt: Date | null;
  pickedUpAt: Date | null;
  arrivedAt: Date | null;
  escalatedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: EscortCancelledBy | null;
  cancelReason: EscortCancelReason | null;
  /** Free text from whoever cancelled: clinicians' eyes only, never in escort payloads. */
  cancelNote: string | null;
  lastLatitude: number | null;
  lastLongitude: number | null;
}

export const ESCORT_OFFER_STATUSES = ['open', 'accepted', 'declined', 'withdrawn'] as const;
export type EscortOfferStatus = (typeof ESCORT_OFFER_STATUSES)[number];

export interface EscortOffer {
  escortId: string;
  responderId: string;
  wave: EscortWave;
  offeredAt: Date;
  status: EscortOfferStatus;
  answeredAt: Date | null;
}

export interface EscortReport {
  status: string;
  at: Date;
  latitude: number | null;
  longitude: number | null;
  reportedBy: string;
}
