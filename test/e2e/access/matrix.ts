import type { ServiceName } from '../support/system';
import type { Role } from './places';

/** Whose object the caller touches: one in its own place (village / health center / facility) or in the other place. */
export type Whose = 'own' | 'other';

export interface Expectation {
  /** HTTP status for an object of the caller's own place and for one of the other place. */
  own: number;
  other: number;
}

export interface MatrixRow {
  service: ServiceName;
  /** As in the service's OpenAPI document, e.g. "GET /pregnancies/{id}". */
  operation: string;
  /** Roles that get anything but 403; every role not listed must get 403 for both objects. */
  allowed: Partial<Record<Role, Expectation>>;
  /**
   * List operations: whose objects a role's list holds. The request names the target place's object, which must be
   * in the caller's list exactly when its place is listed here (a role allowed to list but absent here sees neither).
   */
  listed?: Partial<Record<Role, readonly Whose[]>>;
  /** Fields (deep keys) a role must get empty (null or absent) in a successful answer. */
  hidden?: Partial<Record<Role, readonly string[]>>;
  /** What an escort may see in a successful answer (deep keys); default ESCORT_VIEW_KEYS. */
  escortSees?: readonly string[];
}

/**
 * Everything an escort may see of an escort request (issue 5, data minimisation; domain reference, section 4):
 * the pickup place, the contact phone, the destination, the urgency, the times, and the id, status and
 * cancel-reason code of the escort itself.
 */
export const ESCORT_VIEW_KEYS = [
  'escortId',
  'status',
  'urgency',
  'pickup',
  'villageCode',
  'villageName',
  'districtName',
  'address',
  'latitude',
  'longitude',
  'contactPhone',
  'destination',
  'facilityName',
  'times',
  'requestedAt',
  'pickupAt',
  'respondBy',
  'acceptedAt',
  'enRouteAt',
  'pickedUpAt',
  'arrivedAt',
  'cancelledAt',
  'cancelReason',
] as const;

/** The responder's own registry record (GET /responders/me, PUT /responders/me/duty): her unit, not a woman. */
export const RESPONDER_RECORD_KEYS = [
  'id',
  'kind',
  'name',
  'organisation',
  'phone',
  'villageCodes',
  'latitude',
  'longitude',
  'onDuty',
  'active',
  'createdAt',
  'updatedAt',
] as const;

/**
 * Clinical or identifying keys no escort-facing answer may hold (error documents included), unless the row's
 * escortSees names the key for a record of the escort's own (`name` of her own unit).
 */
export const CLINICAL_KEYS = [
  'pregnancyId',
  'referralId',
  'alertId',
  'patient',
  'name',
  'motherName',
  'nik',
  'birthDate',
  'reason',
  'icd10',
  'treatmentGiven',
  'historySummary',
  'history',
  'score',
  'category',
  'findings',
  'ruleIds',
  'requiredCapabilities',
  'hpht',
  'hpl',
  'cancelNote',
  'steps',
] as const;

/** A 16-digit number anywhere in an escort-facing answer looks like a NIK. */
export const NIK_LIKE = /(?<!\d)\d{16}(?!\d)/;

const both = (status: number): Expectation => ({ own: status, other: status });
const scoped = (status: number): Expectation => ({ own: status, other: 403 });
/** Escorts: another responder's request is a 404, not a 403 (she must not learn it exists; referral README). */
const mine = (status: number): Expectation => ({ own: status, other: 404 });

const REGISTRY_READERS = { admin: both(200), district: both(200), doctor: both(200), midwife: both(200), hospital: both(200) };

/** The admin API of @siaga/notifications, mounted by every service: recipients' addresses are contact data. */
const notificationRows = (service: ServiceName): MatrixRow[] => [
  { service, operation: 'GET /notification-endpoints', allowed: { admin: both(200) } },
  { service, operation: 'PUT /notification-endpoints/{recipientKind}/{recipientId}/{channel}', allowed: { admin: both(200) } },
  { service, operation: 'DELETE /notification-endpoints/{recipientKind}/{recipientId}/{channel}', allowed: { admin: both(204) } },
  { service, operation: 'GET /notifications', allowed: { admin: both(200) } },
];

/**
 * The dead letters of @siaga/messaging, in every service: the district (who is notified) and the admin see and resolve
 * them. Resolving is called on an id that does not exist: 404 for them, 403 for everyone else.
 */
const deadLetterRows = (service: ServiceName): MatrixRow[] => [
  { service, operation: 'GET /dead-letters', allowed: { admin: both(200), district: both(200) } },
  { service, operation: 'POST /dead-letters/{id}/resolve', allowed: { admin: both(404), district: both(404) } },
];

/**
 * The authorization matrix, kept as data: role × operation × object. The access e2e test calls every
 * operation as two users of every role (one in each place) and compares statuses with this table;
 * an OpenAPI operation without a row fails the build.
 */
export const ACCESS_MATRIX: MatrixRow[] = [
  // registration
  { service: 'registration', operation: 'POST /pregnancies', allowed: { midwife: scoped(201) } },
  { service: 'registration', operation: 'GET /pregnancies', allowed: { midwife: both(200), doctor: both(200) } },
  { service: 'registration', operation: 'GET /pregnancies/{id}', allowed: { midwife: scoped(200), doctor: scoped(200) } },
  { service: 'registration', operation: 'PATCH /pregnancies/{id}', allowed: { midwife: scoped(200) } },
  { service: 'registration', operation: 'POST /pregnancies/{id}/close', allowed: { midwife: scoped(200) } },
  { service: 'registration', operation: 'GET /pregnancies/{id}/access-log', allowed: { district: both(200), admin: both(200) } },
  { service: 'registration', operation: 'POST /pregnancies/{pregnancyId}/visits', allowed: { midwife: scoped(201) } },
  { service: 'registration', operation: 'GET /pregnancies/{pregnancyId}/visits', allowed: { midwife: scoped(200), doctor: scoped(200) } },
  ...notificationRows('registration'),
  ...deadLetterRows('registration'),
  // risk-scoring
  {
    service: 'risk-scoring',
    operation: 'GET /pregnancies/{pregnancyId}/assessment',
    allowed: { midwife: scoped(200), doctor: scoped(200) },
  },
  {
    service: 'risk-scoring',
    operation: 'GET /pregnancies/{pregnancyId}/assessments',
    allowed: { midwife: scoped(200), doctor: scoped(200) },
  },
  {
    service: 'risk-scoring',
    operation: 'POST /assessments/preview',
    allowed: { midwife: both(200), doctor: both(200), district: both(200) },
  },
  { service: 'risk-scoring', operation: 'POST /admin/rescore', allowed: { admin: both(200) } },
  ...notificationRows('risk-scoring'),
  ...deadLetterRows('risk-scoring'),

  // alerts (issue 4, Access): doctors see and act on their health center's alerts only; midwives read the alerts of
  // their own pregnancies; the district reads every alert, without the woman's name; escorts (and hospital staff,
  // admins) see none.
  {
    service: 'alerts',
    operation: 'GET /alerts',
    allowed: { doctor: both(200), midwife: both(200), district: both(200) },
    listed: { doctor: ['own'], midwife: ['own'], district: ['own', 'other'] },
    hidden: { district: ['motherName'] },
  },
  {
    service: 'alerts',
    operation: 'GET /alerts/{alertId}',
    allowed: { doctor: scoped(200), midwife: scoped(200), district: both(200) },
    hidden: { district: ['motherName'] },
  },
  { service: 'alerts', operation: 'GET /alerts/stream', allowed: { doctor: both(200), midwife: both(200), district: both(200) } },
  { service: 'alerts', operation: 'POST /alerts/{alertId}/acknowledge', allowed: { doctor: scoped(200) } },
  { service: 'alerts', operation: 'POST /alerts/{alertId}/release', allowed: { doctor: scoped(200) } },
  { service: 'alerts', operation: 'POST /alerts/{alertId}/resolve', allowed: { doctor: scoped(200) } },
  ...notificationRows('alerts'),
  ...deadLetterRows('alerts'),

  // referral: registry (issue 5, Registry: admin endpoints manage it; those who route referrals read it)
  { service: 'referral', operation: 'GET /facilities', allowed: REGISTRY_READERS },
  { service: 'referral', operation: 'GET /facilities/{id}', allowed: REGISTRY_READERS },
  { service: 'referral', operation: 'POST /facilities', allowed: { admin: both(201) } },
  { service: 'referral', operation: 'PUT /facilities/{id}', allowed: { admin: both(200) } },
  { service: 'referral', operation: 'GET /responders', allowed: { admin: both(200), district: both(200) } },
  { service: 'referral', operation: 'GET /responders/{id}', allowed: { admin: both(200), district: both(200) } },
  { service: 'referral', operation: 'POST /responders', allowed: { admin: both(201) } },
  { service: 'referral', operation: 'PUT /responders/{id}', allowed: { admin: both(200) } },
  { service: 'referral', operation: 'GET /responders/me', allowed: { escort: both(200) }, escortSees: RESPONDER_RECORD_KEYS },
  { service: 'referral', operation: 'PUT /responders/me/duty', allowed: { escort: both(200) }, escortSees: RESPONDER_RECORD_KEYS },
  { service: 'referral', operation: 'GET /villages', allowed: REGISTRY_READERS },
  { service: 'referral', operation: 'PUT /villages/{code}', allowed: { admin: both(200) } },

  // referral: exchange (issue 5, Access): doctors and midwives the referrals of their patients, hospital staff those
  // sent to their facility, the district all; escorts never see a referral, admins manage the registry only.
  { service: 'referral', operation: 'POST /referrals', allowed: { midwife: scoped(201), doctor: scoped(201) } },
  {
    service: 'referral',
    operation: 'GET /referrals',
    allowed: { midwife: both(200), doctor: both(200), hospital: both(200), district: both(200) },
    listed: { midwife: ['own'], doctor: ['own'], hospital: ['own'], district: ['own', 'other'] },
  },
  {
    service: 'referral',
    operation: 'GET /referrals/{id}',
    allowed: { midwife: scoped(200), doctor: scoped(200), hospital: scoped(200), district: both(200) },
    // Hospital staff see their own offers only, no routing trail (referral README); the district no identities.
    hidden: { hospital: ['steps'], district: ['birthDate'] },
  },
  { service: 'referral', operation: 'POST /referrals/{id}/accept', allowed: { hospital: scoped(200) } },
  { service: 'referral', operation: 'POST /referrals/{id}/decline', allowed: { hospital: scoped(200) } },
  { service: 'referral', operation: 'POST /referrals/{id}/arrival', allowed: { hospital: scoped(200) } },
  {
    service: 'referral',
    operation: 'POST /referrals/{id}/cancel',
    allowed: { midwife: scoped(200), doctor: scoped(200), district: both(200) },
  },
  { service: 'referral', operation: 'POST /referrals/{id}/redirect', allowed: { district: both(200) } },

  // referral: escort dispatch: each responder only the offers made to her and the escorts she holds; either side
  // (the escort, or the referring midwife / doctor / the district) cancels.
  { service: 'referral', operation: 'GET /escorts/offers', allowed: { escort: both(200) }, listed: { escort: ['own'] } },
  { service: 'referral', operation: 'GET /escorts/offers/stream', allowed: { escort: both(200) } },
  { service: 'referral', operation: 'GET /escorts', allowed: { escort: both(200) }, listed: { escort: ['own'] } },
  { service: 'referral', operation: 'GET /escorts/{id}', allowed: { escort: mine(200) } },
  { service: 'referral', operation: 'POST /escorts/{id}/accept', allowed: { escort: mine(200) } },
  { service: 'referral', operation: 'POST /escorts/{id}/decline', allowed: { escort: mine(200) } },
  { service: 'referral', operation: 'POST /escorts/{id}/status', allowed: { escort: mine(200) } },
  {
    service: 'referral',
    operation: 'POST /escorts/{id}/cancel',
    allowed: { escort: mine(200), midwife: scoped(200), doctor: scoped(200), district: both(200) },
  },
  ...notificationRows('referral'),
  ...deadLetterRows('referral'),
];

export const expectedStatus = (row: MatrixRow, role: Role, whose: Whose): number => row.allowed[role]?.[whose] ?? 403;
