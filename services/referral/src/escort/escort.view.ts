import { containsNikLike, type EventData } from '@siaga/contracts';
import type { Responder } from '@referral/registry/registry.types';
import type { Escort, EscortReport } from './escort.types';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Told the path of each field withheld (never its value). */
export type WithheldReport = (field: string) => void;

/**
 * Defence in depth behind the input checks: any text that looks like a NIK (16 digits) is withheld (null), so a NIK
 * typed into an address or a name never reaches an escort. Ids we minted (UUIDs) are not text anyone typed; ISO
 * times and codes cannot hold 16 digits in a row, so only the free-text fields (typed `string | null`) ever go null.
 */
function withoutNikLike<T extends object>(view: T, report: WithheldReport, path = ''): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(view)) {
    const field = path ? `${path}.${key}` : key;
    if (typeof value === 'string' && !UUID.test(value) && containsNikLike(value)) {
      report(field);
      out[key] = null;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = withoutNikLike(value, report, field);
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

/**
 * Everything an escort ever sees of a request (API, live feed, notifications, the escort topic): where to pick her
 * up, whom to call, where to bring her, how urgent, and when (domain reference, section 4). The one builder of
 * escort-facing data: field by field, never by spreading a record, so nothing clinical can slip in (tests pin the
 * exact key set), and nothing that looks like a NIK leaves it (`withoutNikLike`).
 */
export function toEscortView(e: Escort, report: WithheldReport = () => undefined) {
  return withoutNikLike(escortFields(e), report);
}

/** Free text someone typed: what withoutNikLike may withhold. */
const text = (value: string | null): string | null => value;

function escortFields(e: Escort) {
  return {
    escortId: e.id,
    status: e.status,
    urgency: e.urgency,
    pickup: {
      villageCode: e.pickup.villageCode,
      villageName: text(e.pickup.villageName),
      districtName: text(e.pickup.districtName),
      address: text(e.pickup.address),
      latitude: e.pickup.latitude,
      longitude: e.pickup.longitude,
    },
    contactPhone: text(e.contactPhone),
    destination: {
      facilityName: text(e.destination.facilityName),
      address: text(e.destination.address),
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

/** Shown instead of a required name that was withheld (the escort topic's contract needs one). */
const WITHHELD = '(withheld)';

/** The escort topic's `escortRequested`: the view's pickup, contact and destination, so it passes the same guard. */
export function escortRequestedData(view: EscortView): EventData<'escortRequested'> {
  return {
    escortId: view.escortId,
    urgency: view.urgency,
    pickup: { ...view.pickup, villageName: view.pickup.villageName ?? WITHHELD },
    contactPhone: view.contactPhone,
    destination: { ...view.destination, facilityName: view.destination.facilityName ?? WITHHELD },
    pickupAt: view.times.pickupAt,
    requestedAt: view.times.requestedAt,
  };
}

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
