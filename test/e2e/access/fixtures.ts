import { randomUUID } from 'node:crypto';
import { eventually } from '@siaga/testing';
import { call, type ApiResponse } from '../support/client';
import { lowRiskWoman, normalVisit } from '../support/people';
import type { ServiceName } from '../support/system';
import type { Place } from './places';

export type PlaceName = Place['name'];

/** What every place holds before the matrix runs; operations that change an object for good get a fresh one instead. */
export interface Fixtures {
  url: (service: ServiceName) => string;
  places: [Place, Place];
  /** A low-risk woman, registered, visited and assessed. */
  pregnancyOf: Record<PlaceName, string>;
  /** A woman seen with BP 170/115 and a severe headache: her emergency alert is open at the place's health center. */
  emergencyPregnancyOf: Record<PlaceName, string>;
  alertOf: Record<PlaceName, string>;
  /** Her emergency referral, accepted by the place's hospital, with its escort held by the place's responder. */
  referralOf: Record<PlaceName, string>;
  heldEscortOf: Record<PlaceName, string>;
  /** An escort request offered to the place's responder and still open. */
  offeredEscortOf: Record<PlaceName, string>;
  /** Every woman registered by the test: what must never reach an escort. */
  women: { names: Set<string>; niks: Set<string> };
}

const expectStatus = (response: ApiResponse, status: number, what: string): ApiResponse => {
  if (response.status !== status)
    throw new Error(`fixture ${what}: ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`);
  return response;
};

const other = (f: Pick<Fixtures, 'places'>, place: Place): Place => f.places.find((p) => p !== place)!;

let womanSerial = 0;

/** The registration body of a woman living in the place's village, with a name of her own. */
export function womanIn(place: Place, women?: Fixtures['women']) {
  const body = lowRiskWoman();
  womanSerial += 1;
  body.mother.name = `Ibu Siti Rahayu E2E${place.name}${String(womanSerial).padStart(4, '0')}`;
  body.mother.address = {
    ...body.mother.address,
    villageCode: place.village.code,
    villageName: place.village.name,
    districtName: place.village.district,
  };
  women?.names.add(body.mother.name);
  women?.niks.add(body.mother.nik);
  return body;
}

/** BP 170/115 with a severe headache: WHO-BP-SEVERE and WHO-PE-SEVERE, an emergency. */
export const emergencyVisit = () => ({ ...normalVisit(), systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] });

type Registrar = Pick<Fixtures, 'url' | 'women'>;

/** Registers a woman in the place (as its midwife), optionally with a first visit. */
export async function registerWoman(f: Registrar, place: Place, visit?: Record<string, unknown>): Promise<string> {
  const registered = expectStatus(
    await call(f.url('registration'), 'POST', '/pregnancies', place.tokens.midwife, womanIn(place, f.women)),
    201,
    'registration',
  );
  const id = registered.body.id as string;
  if (visit)
    expectStatus(await call(f.url('registration'), 'POST', `/pregnancies/${id}/visits`, place.tokens.midwife, visit), 201, 'visit');
  return id;
}

/** The open alert of a pregnancy, once it reached the place's health center (the place's doctor lists it). */
async function alertOfPregnancy(f: Pick<Fixtures, 'url'>, place: Place, pregnancyId: string): Promise<string> {
  return eventually(async () => {
    let cursor: string | null = null;
    do {
      const query: string = `/alerts?severity=emergency&status=open&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
      const page = expectStatus(await call(f.url('alerts'), 'GET', query, place.tokens.doctor), 200, 'alert list');
      const found = (page.body.items as { id: string; pregnancy: { id: string } }[]).find((a) => a.pregnancy.id === pregnancyId);
      if (found) return found.id;
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    throw new Error(`no open emergency alert yet for pregnancy ${pregnancyId} at ${place.name}`);
  }, 30_000);
}

/** A new emergency alert at the place's health center, open (nobody has it yet). */
export async function freshAlert(f: Fixtures, place: Place): Promise<string> {
  return alertOfPregnancy(f, place, await registerWoman(f, place, emergencyVisit()));
}

/** A new emergency alert acknowledged by the place's doctor (who alone may release it). */
export async function freshHeldAlert(f: Fixtures, place: Place): Promise<string> {
  const id = await freshAlert(f, place);
  expectStatus(await call(f.url('alerts'), 'POST', `/alerts/${id}/acknowledge`, place.tokens.doctor), 200, 'acknowledge');
  return id;
}

/**
 * Waits until the referral service has her pregnancy (from registration's events), so a referral is scoped by
 * her record and not by what the caller claims. Probe without side effects: the other place's midwife is refused
 * (403) once her village is known; before that the service cannot place her (422).
 */
export async function knownToReferral(f: Fixtures, place: Place, pregnancyId: string): Promise<void> {
  await eventually(async () => {
    const probe = await call(f.url('referral'), 'POST', '/referrals', other(f, place).tokens.midwife, {
      pregnancyId,
      urgency: 'planned',
      reason: 'probe',
      transportNeeded: false,
    });
    if (probe.status !== 403) throw new Error(`pregnancy ${pregnancyId} not yet known to referral (${probe.status})`);
  }, 30_000);
}

export const referralBody = (pregnancyId: string, place: Place, urgency: 'planned' | 'emergency' = 'planned') => ({
  pregnancyId,
  urgency,
  reason:
    urgency === 'emergency'
      ? 'Severe pre-eclampsia: BP 170/115 with severe headache'
      : 'Planned referral: previous caesarean, for delivery at a hospital',
  icd10: urgency === 'emergency' ? 'O14.1' : 'O34.2',
  treatmentGiven: urgency === 'emergency' ? 'MgSO4 4 g IV loading dose; nifedipine 10 mg oral' : undefined,
  transportNeeded: true,
  pickup: { villageCode: place.village.code, address: 'Dusun Krajan RT 01 RW 02', contactPhone: '+62 800-0000-1234' },
});

/** A new planned referral of a new woman of the place, offered to the place's hospital (the only one serving it). */
export async function freshReferral(f: Fixtures, place: Place): Promise<string> {
  const pregnancyId = await registerWoman(f, place);
  await knownToReferral(f, place, pregnancyId); // referral scopes her by her record, never by the caller
  const created = expectStatus(
    await call(f.url('referral'), 'POST', '/referrals', place.tokens.doctor, referralBody(pregnancyId, place)),
    201,
    'referral',
  );
  if (created.body.status !== 'offered' || created.body.currentHospital?.id !== place.facilityId) {
    throw new Error(`fixture referral was not offered to ${place.name}'s hospital: ${JSON.stringify(created.body)}`);
  }
  return created.body.id as string;
}

/** A fresh referral accepted by the place's hospital; its escort request is offered to the place's responder. */
export async function freshAcceptedReferral(f: Fixtures, place: Place): Promise<{ referralId: string; escortId: string }> {
  const referralId = await freshReferral(f, place);
  const accepted = expectStatus(
    await call(f.url('referral'), 'POST', `/referrals/${referralId}/accept`, place.tokens.hospital),
    200,
    'hospital accept',
  );
  const escort = (accepted.body.escorts as { escortId: string; status: string }[])[0];
  if (escort?.status !== 'offered') throw new Error(`fixture escort not offered: ${JSON.stringify(accepted.body.escorts)}`);
  return { referralId, escortId: escort.escortId };
}

/** A fresh referral the place's hospital declined: no other hospital serves the place, so it escalated to the district. */
export async function freshEscalatedReferral(f: Fixtures, place: Place): Promise<string> {
  const referralId = await freshReferral(f, place);
  const declined = expectStatus(
    await call(f.url('referral'), 'POST', `/referrals/${referralId}/decline`, place.tokens.hospital, { reason: 'no-room' }),
    200,
    'hospital decline',
  );
  if (declined.body.status !== 'escalated') throw new Error(`fixture referral did not escalate: ${declined.body.status}`);
  return referralId;
}

/** A fresh escort request, offered to the place's responder. */
export async function freshOfferedEscort(f: Fixtures, place: Place): Promise<string> {
  return (await freshAcceptedReferral(f, place)).escortId;
}

/** A fresh escort request held (accepted) by the place's responder. */
export async function freshHeldEscort(f: Fixtures, place: Place): Promise<string> {
  const escortId = await freshOfferedEscort(f, place);
  expectStatus(await call(f.url('referral'), 'POST', `/escorts/${escortId}/accept`, place.tokens.escort), 200, 'escort accept');
  return escortId;
}

/** A notification endpoint of someone nobody notifies (so the dispatcher never sends to it). */
export async function freshEndpoint(f: Fixtures, service: ServiceName, place: Place): Promise<string> {
  const path = `/notification-endpoints/doctor/${randomUUID()}/sms`;
  expectStatus(await call(f.url(service), 'PUT', path, place.tokens.admin, { address: '+6281200000001' }), 200, 'endpoint');
  return path;
}

/** The objects each place holds before the matrix runs. */
export async function prepareFixtures(url: Fixtures['url'], places: [Place, Place]): Promise<Fixtures> {
  const f = {
    url,
    places,
    pregnancyOf: {},
    emergencyPregnancyOf: {},
    alertOf: {},
    referralOf: {},
    heldEscortOf: {},
    offeredEscortOf: {},
    women: { names: new Set<string>(), niks: new Set<string>() },
  } as Fixtures;
  for (const place of places) {
    f.pregnancyOf[place.name] = await registerWoman(f, place, normalVisit());
    f.emergencyPregnancyOf[place.name] = await registerWoman(f, place, emergencyVisit());
  }
  for (const place of places) {
    await eventually(async () => {
      const r = await call(url('risk-scoring'), 'GET', `/pregnancies/${f.pregnancyOf[place.name]}/assessment`, place.tokens.doctor);
      expectStatus(r, 200, 'assessment');
    }, 30_000);
    f.alertOf[place.name] = await alertOfPregnancy(f, place, f.emergencyPregnancyOf[place.name]);

    // The midwife refers her at once; the hospital accepts; the place's police officer takes the escort.
    const pregnancyId = f.emergencyPregnancyOf[place.name];
    await knownToReferral(f, place, pregnancyId);
    const referral = expectStatus(
      await call(url('referral'), 'POST', '/referrals', place.tokens.midwife, referralBody(pregnancyId, place, 'emergency')),
      201,
      'emergency referral',
    );
    f.referralOf[place.name] = referral.body.id as string;
    const accepted = expectStatus(
      await call(url('referral'), 'POST', `/referrals/${f.referralOf[place.name]}/accept`, place.tokens.hospital),
      200,
      'emergency referral accept',
    );
    f.heldEscortOf[place.name] = (accepted.body.escorts as { escortId: string }[])[0].escortId;
    expectStatus(
      await call(url('referral'), 'POST', `/escorts/${f.heldEscortOf[place.name]}/accept`, place.tokens.escort),
      200,
      'escort accept',
    );
    f.offeredEscortOf[place.name] = await freshOfferedEscort(f, place);
  }
  return f;
}
