import type { Responder } from '@referral/registry/registry.types';
import type { Escort, EscortReport } from './escort.types';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/**
 * Everything an escort ever sees of a request (API, live feed, notifications): where to pick her up,
 * whom to call, where to bring her, how urgent, and when (domain reference, section 4). Built field by
 * field, never by spreading a record, so nothing clinical can slip in; tests pin the exact key set.
 */
export function toEscortView(e: Escort) {
  return {
    escortId: e.id,
    status: e.status,
    urgency: e.urgency,
    pickup: {
      villageCode: e.pickup.villageCode,
      villageName: e.pickup.villageName,
      districtName: e.pickup.districtName,
      address: e.pickup.address,
      latitude: e.pickup.latitude,
      longitude: e.pickup.longitude,
    },
    contactPhone: e.contactPhone,
    destination: {
      facilityName: e.destination.facilityName,
      address: e.destination.address,
      latitude: e.destination.latitude,
      longitude: e.destination.longitude,
    },
    times: {
      requestedAt: e.requestedAt.toISOString(),
      pickupAt: e.pickupAt.toISOString(),
      respondBy: e.respondBy.toISOString(),
      acceptedAt: iso(e.acceptedAt),
      enRouteAt: iso(e.enRouteAt),
      pickedUpAt: iso(e.pickedUpAt),
      arrivedAt: iso(e.arrivedAt),
      cancelledAt: iso(e.cancelledAt),
    },
    /** A code (never the free-text note): why it was cancelled. */
    cancelReason: e.cancelReason,
  };
}

export type EscortView = ReturnType<typeof toEscortView>;

/** What a responder is told when an offer is no longer theirs to take. */
export const withdrawnNotice = (escortId: string, reason: 'taken' | 'cancelled') => ({ escortId, reason });

/** The referring side's picture of an escort: who holds it, how to reach them, what they reported. */
export function toClinicianEscortView(e: Escort, responder: Responder | null, reports: readonly EscortReport[]) {
  return {
    ...toEscortView(e),
    referralId: e.referralId,
    wave: e.wave,
    responder: responder && {
      id: responder.id,
      kind: responder.kind,
      name: responder.name,
      organisation: responder.organisation,
      phone: responder.phone,
    },
    cancelledBy: e.cancelledBy,
    cancelNote: e.cancelNote,
    lastPosition: e.lastLatitude === null || e.lastLongitude === null ? null : { latitude: e.lastLatitude, longitude: e.lastLongitude },
    reports: reports.map((r) => ({
      status: r.status,
      at: r.at.toISOString(),
      latitude: r.latitude,
      longitude: r.longitude,
      reportedBy: r.reportedBy,
    })),
  };
}

export type ClinicianEscortView = ReturnType<typeof toClinicianEscortView>;
