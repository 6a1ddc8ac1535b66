export const ROLES = ['midwife', 'doctor', 'hospital', 'escort', 'district', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token: role plus the scope the role is limited to. */
export interface Principal {
  userId: string;
  role: Role;
  name?: string;
  /** doctor, midwife: the puskesmas whose catchment they serve. */
  healthCenterId?: string;
  /** midwife: the villages (desa codes, e.g. 35.10.01.2001) she serves. */
  villageCodes: string[];
  /** hospital staff: their facility. */
  facilityId?: string;
  /** escort (police officer, volunteer): their responder record. */
  responderId?: string;
  /**
   * escort: what the referral registry needs to enrol a responder account on its first call (the account is made
   * once, in the identity provider): kind (police-officer, volunteer, ...), organisation and phone.
   */
  responderKind?: string;
  organisation?: string;
  phone?: string;
  /** When the token naming this principal expires (ms since the epoch): a live feed it opened ends then. */
  expiresAt?: number;
}

/** The principal of one request plus what the audit trail needs to tie records to it. */
export interface Actor extends Principal {
  requestId: string;
}

/** Work done by the system itself (consumers, timers): audited as such. */
export const systemActor = (component: string): Actor => ({
  userId: `system:${component}`,
  role: 'admin',
  villageCodes: [],
  requestId: `system:${component}`,
});
