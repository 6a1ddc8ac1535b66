/**
 * Indonesian region codes (Kepmendagri): regency 35.10, district 35.10.20, village 35.10.20.2001.
 * A facility or responder names the areas it serves at any of these levels.
 */
export const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
export const AREA_CODE = /^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/;

/** 35.10.20.2001 → 35.10.20 */
export const districtCodeOf = (villageCode: string): string => villageCode.split('.').slice(0, 3).join('.');

/** True when `area` is the village itself or a district / regency containing it (whole segments only). */
export const areaContains = (area: string, villageCode: string): boolean => villageCode === area || villageCode.startsWith(`${area}.`);

export const servesVillage = (servedAreas: readonly string[], villageCode: string): boolean =>
  servedAreas.some((area) => areaContains(area, villageCode));
