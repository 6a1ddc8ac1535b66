import type { EscortWave } from '@siaga/contracts';
import { haversineKm, type LatLng } from '@referral/geo/haversine';
import { districtCodeOf } from '@referral/geo/wilayah';

export interface ResponderCandidate {
  id: string;
  villageCodes: readonly string[];
  location: LatLng | null;
}

export interface PickupPlace {
  villageCode: string;
  location: LatLng | null;
}

/**
 * Who gets an escort offer in a wave (issue 5). `village`: every on-duty responder covering her village.
 * `district`: those covering another village of her district, or stationed within `nearbyKm` of the
 * pickup. Callers pass on-duty, active responders only; anyone offered before is left out.
 */
export function responderWave(
  candidates: readonly ResponderCandidate[],
  pickup: PickupPlace,
  wave: EscortWave,
  alreadyOffered: ReadonlySet<string>,
  nearbyKm: number,
): ResponderCandidate[] {
  const district = districtCodeOf(pickup.villageCode);
  const fresh = candidates.filter((r) => !alreadyOffered.has(r.id));
  switch (wave) {
    case 'village':
      return fresh.filter((r) => r.villageCodes.includes(pickup.villageCode));
    case 'district':
      return fresh.filter(
        (r) =>
          r.villageCodes.some((v) => districtCodeOf(v) === district) ||
          (pickup.location !== null && r.location !== null && haversineKm(pickup.location, r.location) <= nearbyKm),
      );
  }
}

/** The wave after this one, or null when the escort has to be escalated. */
export const nextWave = (wave: EscortWave): EscortWave | null => (wave === 'village' ? 'district' : null);
