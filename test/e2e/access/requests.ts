import { randomUUID } from 'node:crypto';
import { lowRiskWoman, normalVisit } from '../support/people';
import {
  freshAcceptedReferral,
  freshAlert,
  freshEndpoint,
  freshEscalatedReferral,
  freshHeldAlert,
  freshHeldEscort,
  freshOfferedEscort,
  freshReferral,
  knownToReferral,
  referralBody,
  registerWoman,
  womanIn,
  type Fixtures,
} from './fixtures';
import type { ServiceName } from '../support/system';
import type { Place } from './places';

export type { Fixtures } from './fixtures';

export interface PreparedRequest {
  path: string;
  body?: unknown;
  /** Server-Sent Events: only the status counts; the stream is closed as soon as its headers arrive. */
  stream?: boolean;
  /** List operations: the id of the target place's object (MatrixRow.listed says who must find it in the list). */
  marker?: string;
}

/** A fresh pregnancy in a place, for operations that change it for good (close). */
async function freshPregnancy(fixtures: Fixtures, place: Place): Promise<string> {
  return registerWoman(fixtures, place);
}

const previewBody = () => {
  const woman = lowRiskWoman();
  const { visitDate, ...facts } = normalVisit();
  return {
    pregnancy: {
      motherBirthDate: woman.mother.birthDate,
      heightCm: woman.heightCm,
      hpht: woman.hpht,
      history: woman.history,
      conditions: [],
    },
    visits: [{ ...facts, visitDate }],
  };
};

const notificationRequests = (service: ServiceName): Record<string, RequestBuilder> => ({
  [`${service} GET /notification-endpoints`]: () => ({ path: '/notification-endpoints' }),
  // Someone nobody notifies: the dispatcher never sends to this address.
  [`${service} PUT /notification-endpoints/{recipientKind}/{recipientId}/{channel}`]: () => ({
    path: `/notification-endpoints/doctor/${randomUUID()}/sms`,
    body: { address: '+6281200000002' },
  }),
  [`${service} DELETE /notification-endpoints/{recipientKind}/{recipientId}/{channel}`]: async (f, target) => ({
    path: await freshEndpoint(f, service, target),
  }),
  [`${service} GET /notifications`]: () => ({ path: '/notifications' }),
});

const deadLetterRequests = (service: ServiceName): Record<string, RequestBuilder> => ({
  [`${service} GET /dead-letters`]: () => ({ path: '/dead-letters' }),
  [`${service} POST /dead-letters/{id}/resolve`]: () => ({
    path: `/dead-letters/${randomUUID()}/resolve`,
    body: { resolution: 'No such dead letter: only who may resolve matters here' },
  }),
});

type RequestBuilder = (fixtures: Fixtures, target: Place) => Promise<PreparedRequest> | PreparedRequest;

/**
 * How to call each operation on an object of `target`'s place. Operations that change an object for good get a
 * fresh one, in the state where the permitted role succeeds (an open alert to acknowledge, one the place's doctor
 * holds to release, a referral offered to the place's hospital, an escort offered to / held by the place's responder).
 */
export const REQUESTS: Record<string, RequestBuilder> = {
  'registration POST /pregnancies': (_, target) => ({ path: '/pregnancies', body: womanIn(target) }),
  'registration GET /pregnancies': () => ({ path: '/pregnancies' }),
  'registration GET /pregnancies/{id}': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}` }),
  'registration PATCH /pregnancies/{id}': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}`, body: { heightCm: 157 } }),
  'registration POST /pregnancies/{id}/close': async (f, target) => ({
    path: `/pregnancies/${await freshPregnancy(f, target)}/close`,
    body: { outcome: 'moved-away', closedAt: new Date().toISOString() },
  }),
  'registration GET /pregnancies/{id}/access-log': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}/access-log` }),
  'registration POST /pregnancies/{pregnancyId}/visits': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/visits`,
    body: normalVisit(),
  }),
  'registration GET /pregnancies/{pregnancyId}/visits': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}/visits` }),
  ...notificationRequests('registration'),
  ...deadLetterRequests('registration'),
  'risk-scoring GET /pregnancies/{pregnancyId}/assessment': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/assessment`,
  }),
  'risk-scoring GET /pregnancies/{pregnancyId}/assessments': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/assessments`,
  }),
  'risk-scoring POST /assessments/preview': () => ({ path: '/assessments/preview', body: previewBody() }),
  'risk-scoring POST /admin/rescore': () => ({ path: '/admin/rescore', body: {} }),
  ...notificationRequests('risk-scoring'),
  ...deadLetterRequests('risk-scoring'),

  // alerts
  'alerts GET /alerts': (f, target) => ({ path: '/alerts?severity=emergency&limit=200', marker: f.alertOf[target.name] }),
  'alerts GET /alerts/{alertId}': (f, target) => ({ path: `/alerts/${f.alertOf[target.name]}` }),
  'alerts GET /alerts/stream': () => ({ path: '/alerts/stream', stream: true }),
  'alerts POST /alerts/{alertId}/acknowledge': async (f, target) => ({ path: `/alerts/${await freshAlert(f, target)}/acknowledge` }),
  'alerts POST /alerts/{alertId}/release': async (f, target) => ({ path: `/alerts/${await freshHeldAlert(f, target)}/release` }),
  'alerts POST /alerts/{alertId}/resolve': async (f, target) => ({
    path: `/alerts/${await freshAlert(f, target)}/resolve`,
    body: { decision: 'monitor', note: 'BP rechecked 130/85 after rest; headache gone' },
  }),
  ...notificationRequests('alerts'),
  ...deadLetterRequests('alerts'),

  // referral: registry
  'referral GET /facilities': () => ({ path: '/facilities?kind=hospital' }),
  'referral GET /facilities/{id}': (_, target) => ({ path: `/facilities/${target.facilityId}` }),
  // A polindes: creating it changes no hospital routing.
  'referral POST /facilities': (_, target) => ({
    path: '/facilities',
    body: {
      kind: 'polindes',
      name: `Polindes ${target.village.name} e2e ${randomUUID().slice(0, 8)}`,
      villageCode: target.village.code,
      capabilities: [],
      servedAreas: [target.village.code],
    },
  }),
  'referral PUT /facilities/{id}': (_, target) => ({ path: `/facilities/${target.healthCenterId}`, body: target.registry.healthCenter }),
  'referral GET /responders': (_, target) => ({ path: `/responders?village=${target.village.code}` }),
  'referral GET /responders/{id}': (_, target) => ({ path: `/responders/${target.responderId}` }),
  // Off duty: a new volunteer gets no offers, so the place's escorts stay the place's responder's.
  'referral POST /responders': (_, target) => ({
    path: '/responders',
    body: { kind: 'volunteer', name: `Kader ${target.village.name} e2e`, villageCodes: [target.village.code], onDuty: false },
  }),
  'referral PUT /responders/{id}': (_, target) => ({ path: `/responders/${target.responderId}`, body: target.registry.responder }),
  'referral GET /responders/me': () => ({ path: '/responders/me' }),
  'referral PUT /responders/me/duty': () => ({ path: '/responders/me/duty', body: { onDuty: true } }),
  'referral GET /villages': () => ({ path: '/villages' }),
  'referral PUT /villages/{code}': (_, target) => ({ path: `/villages/${target.village.code}`, body: target.registry.village }),

  // referral: exchange
  'referral POST /referrals': async (f, target) => {
    // A new woman of the target place, known to the referral service: her record, not the caller, scopes it.
    const pregnancyId = await registerWoman(f, target);
    await knownToReferral(f, target, pregnancyId);
    const { pickup, ...body } = referralBody(pregnancyId, target);
    return { path: '/referrals', body: { ...body, pickup: { address: pickup.address, contactPhone: pickup.contactPhone } } };
  },
  // Every fresh referral is planned; the places' emergency referrals stay at the head of the list.
  'referral GET /referrals': (f, target) => ({ path: '/referrals?urgency=emergency&limit=200', marker: f.referralOf[target.name] }),
  'referral GET /referrals/{id}': (f, target) => ({ path: `/referrals/${f.referralOf[target.name]}` }),
  'referral POST /referrals/{id}/accept': async (f, target) => ({ path: `/referrals/${await freshReferral(f, target)}/accept` }),
  'referral POST /referrals/{id}/decline': async (f, target) => ({
    path: `/referrals/${await freshReferral(f, target)}/decline`,
    body: { reason: 'no-room', note: 'Maternity ward full' },
  }),
  'referral POST /referrals/{id}/arrival': async (f, target) => ({
    path: `/referrals/${(await freshAcceptedReferral(f, target)).referralId}/arrival`,
    body: {},
  }),
  'referral POST /referrals/{id}/cancel': async (f, target) => ({
    path: `/referrals/${await freshReferral(f, target)}/cancel`,
    body: { reason: 'Delivered at the puskesmas' },
  }),
  // Only an escalated referral is redirected: the place's only hospital declined it.
  'referral POST /referrals/{id}/redirect': async (f, target) => ({
    path: `/referrals/${await freshEscalatedReferral(f, target)}/redirect`,
    body: { hospitalId: target.facilityId },
  }),

  // referral: escorts
  'referral GET /escorts/offers': (f, target) => ({ path: '/escorts/offers', marker: f.offeredEscortOf[target.name] }),
  'referral GET /escorts/offers/stream': () => ({ path: '/escorts/offers/stream', stream: true }),
  'referral GET /escorts': (f, target) => ({ path: '/escorts', marker: f.heldEscortOf[target.name] }),
  'referral GET /escorts/{id}': (f, target) => ({ path: `/escorts/${f.offeredEscortOf[target.name]}` }),
  'referral POST /escorts/{id}/accept': async (f, target) => ({ path: `/escorts/${await freshOfferedEscort(f, target)}/accept` }),
  'referral POST /escorts/{id}/decline': async (f, target) => ({ path: `/escorts/${await freshOfferedEscort(f, target)}/decline` }),
  'referral POST /escorts/{id}/status': async (f, target) => ({
    path: `/escorts/${await freshHeldEscort(f, target)}/status`,
    body: { status: 'en-route', latitude: -8.31, longitude: 114.16 },
  }),
  // Held by the place's responder, so the responder may cancel it too (she can only give up one she holds).
  'referral POST /escorts/{id}/cancel': async (f, target) => ({
    path: `/escorts/${await freshHeldEscort(f, target)}/cancel`,
    body: { reason: 'no-longer-needed', note: 'Family took her by car' },
  }),
  ...notificationRequests('referral'),
  ...deadLetterRequests('referral'),
};

export { womanIn };
