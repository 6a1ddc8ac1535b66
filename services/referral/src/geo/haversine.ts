export interface LatLng {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088; // mean radius (IUGG)
const rad = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in km. Roads are longer, but the order of "nearest first" mostly holds in a regency. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point only when both coordinates are known. */
export const pointOf = (latitude: number | null | undefined, longitude: number | null | undefined): LatLng | null =>
  latitude === null || latitude === undefined || longitude === null || longitude === undefined ? null : { latitude, longitude };

export interface GeoBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** A lat/lng box containing every point within `km` of `center` (a cheap pre-filter before haversine). */
export function boxAround(center: LatLng, km: number): GeoBox {
  const dLat = km / 110.574;
  const dLng = km / (111.32 * Math.max(0.01, Math.cos((center.latitude * Math.PI) / 180)));
  return {
    minLat: center.latitude - dLat,
    maxLat: center.latitude + dLat,
    minLng: center.longitude - dLng,
    maxLng: center.longitude + dLng,
  };
}
