import type { Principal } from './principal';

/** Where a pregnancy is cared for: the keys every clinical access check compares with the caller's scope. */
export interface CarePlace {
  villageCode: string;
  healthCenterId: string;
}

/**
 * The clinical care scope: a midwife the pregnancies of her villages, a doctor those of her health
 * center. Nobody else sees clinical records (hospitals and escorts get referral views, the district
 * aggregates). Services narrow it further (e.g. doctors read but do not write registrations).
 */
export function inCareScope(actor: Principal, place: CarePlace): boolean {
  switch (actor.role) {
    case 'midwife':
      return actor.villageCodes.includes(place.villageCode);
    case 'doctor':
      return actor.healthCenterId !== undefined && actor.healthCenterId === place.healthCenterId;
    case 'hospital':
    case 'escort':
    case 'district':
    case 'admin':
      return false;
  }
}
