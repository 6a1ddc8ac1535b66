import type { FacilityCapability } from '@siaga/contracts';
import { haversineKm, type LatLng } from '@referral/geo/haversine';
import { servesVillage } from '@referral/geo/wilayah';

export interface HospitalCandidate {
  id: string;
  name: string;
  capabilities: readonly string[];
  servedAreas: readonly string[];
  location: LatLng | null;
}

export interface HospitalNeed {
  villageCode: string;
  /** Where she is (pickup GPS, else her village's centre); null when unknown. */
  from: LatLng | null;
  required: readonly FacilityCapability[];
  /** Hospitals already asked for this referral: never asked twice. */
  exclude: ReadonlySet<string>;
}

export interface RankedHospital {
  hospital: HospitalCandidate;
  distanceKm: number | null;
}

/** Great-circle distance to 0.1 km: what referral offers report. */
export const roundedKm = (a: LatLng, b: LatLng): number => Math.round(haversineKm(a, b) * 10) / 10;

/**
 * The hospitals that may receive her, best first (issue 5): able to do everything the referral needs,
 * serving her area, not yet asked; nearest first by great-circle distance. Hospitals whose position is
 * unknown come after those whose distance is known; ties go by name, then id, so the order is stable.
 */
export function rankHospitals(candidates: readonly HospitalCandidate[], need: HospitalNeed): RankedHospital[] {
  return candidates
    .filter((h) => !need.exclude.has(h.id))
    .filter((h) => need.required.every((c) => h.capabilities.includes(c)))
    .filter((h) => servesVillage(h.servedAreas, need.villageCode))
    .map((hospital) => ({
      hospital,
      distanceKm: need.from && hospital.location ? roundedKm(need.from, hospital.location) : null,
    }))
    .sort(
      (a, b) =>
        (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
        a.hospital.name.localeCompare(b.hospital.name) ||
        a.hospital.id.localeCompare(b.hospital.id),
    );
}

/** The next hospital to ask, or null when none is left (the referral escalates to the district). */
export const nextHospital = (candidates: readonly HospitalCandidate[], need: HospitalNeed): RankedHospital | null =>
  rankHospitals(candidates, need)[0] ?? null;
