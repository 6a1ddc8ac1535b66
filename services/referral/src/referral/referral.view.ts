import type { Actor } from '@siaga/auth';
import { seesDestination } from '@referral/access/referral-access';
import type { ClinicianEscortView } from '@referral/escort/escort.view';
import type { PregnancyFact } from '@referral/pregnancy/pregnancy-fact.repository';
import type { ListedReferral } from './referral.repository';
import type { Referral, ReferralOffer, ReferralStep } from './referral.types';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

type Viewer = Pick<Actor, 'role' | 'facilityId'>;

const offerView = (o: ReferralOffer) => ({
  attempt: o.attempt,
  hospitalId: o.hospitalId,
  hospitalName: o.hospitalName,
  distanceKm: o.distanceKm,
  chosenByDistrict: o.chosenByDistrict,
  offeredAt: o.offeredAt.toISOString(),
  respondBy: o.respondBy.toISOString(),
  outcome: o.outcome,
  answeredAt: iso(o.answeredAt),
  answeredBy: o.answeredBy,
  declineReason: o.declineReason,
  declineNote: o.declineNote,
});

/** The fields every listing and detail shares. */
function core(r: Referral) {
  return {
    id: r.id,
    pregnancyId: r.pregnancyId,
    origin: r.origin,
    alertId: r.alertId,
    status: r.status,
    urgency: r.urgency,
    reason: r.reason,
    icd10: r.icd10,
    healthCenterId: r.healthCenterId,
    villageCode: r.villageCode,
    villageName: r.pickup.villageName,
    attempt: r.attempt,
    respondBy: iso(r.respondBy),
    transportNeeded: r.transportNeeded,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface ReferralDetails {
  referral: Referral;
  offers: readonly ReferralOffer[];
  steps: readonly ReferralStep[];
  escorts: readonly ClinicianEscortView[];
  fact: PregnancyFact | null;
}

/**
 * A referral as the referring side, the district and the receiving hospital see it. Hospital staff see
 * only their own facility's offers and no routing trail (which other hospitals declined is not theirs),
 * and where she went and who brings her only while theirs is the current offer (seesDestination).
 */
export function toReferralView(d: ReferralDetails, viewer: Viewer) {
  const r = d.referral;
  const hospitalView = viewer.role === 'hospital';
  const offers = hospitalView ? d.offers.filter((o) => o.hospitalId === viewer.facilityId) : d.offers;
  const current = d.offers.find((o) => o.attempt === r.attempt) ?? null;
  const destinationShown = seesDestination(viewer, r);
  return {
    ...core(r),
    // The district health office works with aggregates, not names (domain reference, section 1).
    patient: d.fact && {
      name: viewer.role === 'district' ? null : d.fact.motherName,
      birthDate: viewer.role === 'district' ? null : d.fact.motherBirthDate,
      hpl: d.fact.hpl,
    },
    treatmentGiven: r.treatmentGiven,
    historySummary: r.historySummary,
    requiredCapabilities: r.requiredCapabilities,
    pickup: r.pickup,
    contactPhone: r.contactPhone,
    pickupAt: r.pickupAt.toISOString(),
    currentHospital: r.currentHospitalId && current && destinationShown ? { id: r.currentHospitalId, name: current.hospitalName } : null,
    acceptedAt: iso(r.acceptedAt),
    escalatedAt: iso(r.escalatedAt),
    arrivedAt: iso(r.arrivedAt),
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
    createdBy: r.createdBy,
    offers: offers.map(offerView),
    steps: hospitalView
      ? null
      : d.steps.map((s) => ({
          at: s.at.toISOString(),
          kind: s.kind,
          attempt: s.attempt,
          hospitalId: s.hospitalId,
          escortId: s.escortId,
          actor: s.actor,
          detail: s.detail,
        })),
    escorts: destinationShown ? d.escorts : [],
  };
}

export type ReferralView = ReturnType<typeof toReferralView>;

export function toReferralListItem(l: ListedReferral, viewer: Viewer) {
  return {
    ...core(l.referral),
    currentHospital:
      l.referral.currentHospitalId && seesDestination(viewer, l.referral)
        ? { id: l.referral.currentHospitalId, name: l.hospitalName }
        : null,
    /** Hospital staff: the latest offer of this referral to their facility. */
    offerToMe: l.offerToMe && {
      attempt: l.offerToMe.attempt,
      outcome: l.offerToMe.outcome,
      respondBy: l.offerToMe.respondBy.toISOString(),
    },
  };
}

export type ReferralListItem = ReturnType<typeof toReferralListItem>;
