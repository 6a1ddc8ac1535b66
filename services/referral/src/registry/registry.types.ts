import type { FacilityCapability } from '@siaga/contracts';

export const FACILITY_KINDS = ['puskesmas', 'polindes', 'hospital'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const RESPONDER_KINDS = ['police-unit', 'police-officer', 'volunteer', 'village-ambulance'] as const;
export type ResponderKind = (typeof RESPONDER_KINDS)[number];

export interface Facility {
  id: string;
  kind: FacilityKind;
  name: string;
  address: string | null;
  villageCode: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  capabilities: FacilityCapability[];
  /** Region codes at any level: 35.10 (regency), 35.10.20 (district), 35.10.20.2001 (village). */
  servedAreas: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Responder {
  id: string;
  kind: ResponderKind;
  name: string;
  organisation: string | null;
  phone: string | null;
  villageCodes: string[];
  latitude: number | null;
  longitude: number | null;
  onDuty: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Village {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  latitude: number | null;
  longitude: number | null;
}

export type FacilityInput = Omit<Facility, 'createdAt' | 'updatedAt'>;
export type ResponderInput = Omit<Responder, 'createdAt' | 'updatedAt'>;
