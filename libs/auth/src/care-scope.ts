import type { Principal } from './principal';

/**
 * Where a pregnancy is cared for: the keys every clinical access check compares with the caller's scope.
 * A key may be null while unknown (e.g. an alert before registration's snapshot arrives): nobody reaches by it.
 */
export interface CarePlace {
  villageCode: string | null;
  healthCenterId: string | null;
}

/** Widenings of the care scope a service opts into; none by default. */
export interface CareScopeOptions {
  /** The user id of the midwife assigned to the pregnancy: she is admitted even outside her villages. */
  assignedMidwifeId?: string | null;
}

/**
 * The clinical care scope: a midwife the pregnancies of her villages, a doctor those of her health
 * center. Nobody else sees clinical records (hospitals and escorts get referral views, the district
 * aggregates). Services narrow it further (e.g. doctors read but do not write registrations).
 */
export function inCareScope(actor: Principal, place: CarePlace, options: CareScopeOptions = {}): boolean {
  switch (actor.role) {
    case 'midwife':
      return (place.villageCode !== null && actor.villageCodes.includes(place.villageCode)) || actor.userId === options.assignedMidwifeId;
    case 'doctor':
      return actor.healthCenterId !== undefined && actor.healthCenterId === place.healthCenterId;
    case 'hospital':
    case 'escort':
    case 'district':
    case 'admin':
      return false;
  }
}
