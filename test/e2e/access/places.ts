import { call } from '../support/client';
import { person, personToken } from '../support/identity';

export const ROLES = ['midwife', 'doctor', 'hospital', 'escort', 'district', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the referral registry holds of a place, as the admin API takes it (PUT replays it unchanged). */
export interface PlaceRegistry {
  village: { name: string; districtName: string; latitude: number; longitude: number };
  healthCenter: Record<string, unknown>;
  hospital: Record<string, unknown>;
  responder: Record<string, unknown>;
}

/** Two places of the regency, each with its health center, village, hospital and responder. */
export interface Place {
  name: 'A' | 'B';
  /** The puskesmas (a facility of the referral registry): the `hc` of the place's midwife and doctor. */
  healthCenterId: string;
  village: { code: string; name: string; district: string };
  /** The place's hospital: the `facility` of the place's hospital staff. */
  facilityId: string;
  /** The place's on-duty police officer: the `responder` of the place's escort. */
  responderId: string;
  /** One user per role, scoped to this place. */
  tokens: Record<Role, string>;
  midwifeId: string;
  registry: PlaceRegistry;
}

interface PlaceSpec {
  name: Place['name'];
  village: Place['village'];
  districtCode: string;
  /** Village centre; the puskesmas, hospital and police post sit near it. */
  at: { latitude: number; longitude: number };
}

/** The registry of a place: each hospital serves its own district only, so a place's referrals go to its own hospital. */
function registryOf(spec: PlaceSpec): PlaceRegistry {
  const { latitude, longitude } = spec.at;
  return {
    village: { name: spec.village.name, districtName: spec.village.district, latitude, longitude },
    healthCenter: {
      kind: 'puskesmas',
      name: `Puskesmas ${spec.village.district} (e2e ${spec.name})`,
      villageCode: spec.village.code,
      latitude: latitude + 0.01,
      longitude: longitude + 0.01,
      phone: '+62 800-0000-0300',
      capabilities: [],
      servedAreas: [spec.districtCode],
    },
    hospital: {
      kind: 'hospital',
      name: `RSUD ${spec.village.district} (e2e ${spec.name})`,
      address: `Jl. Rumah Sakit ${spec.name}`,
      villageCode: spec.village.code,
      latitude: latitude + 0.03,
      longitude: longitude + 0.03,
      phone: '+62 800-0000-0400',
      capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank', 'icu', 'nicu'],
      servedAreas: [spec.districtCode],
    },
    responder: {
      kind: 'police-officer',
      name: `Bhabinkamtibmas ${spec.village.name} (e2e ${spec.name})`,
      organisation: `Polsek ${spec.village.district}`,
      phone: '+62 800-0000-0500',
      villageCodes: [spec.village.code],
      latitude,
      longitude,
      onDuty: true,
    },
  };
}

async function created(response: Promise<{ status: number; body: { id?: string } }>, what: string, expected = 201): Promise<string> {
  const { status, body } = await response;
  if (status !== expected) throw new Error(`registry fixture ${what} failed: ${status} ${JSON.stringify(body)}`);
  return body.id ?? '';
}

/**
 * Creates the place in the referral registry through its admin API (village, puskesmas, hospital, responder), then
 * mints the place's tokens. POST /facilities and POST /responders generate the ids, so the hospital and escort
 * tokens can only be minted afterwards, naming the ids the registry gave.
 */
async function place(referralUrl: string, admin: string, spec: PlaceSpec): Promise<Place> {
  const registry = registryOf(spec);
  await created(call(referralUrl, 'PUT', `/villages/${spec.village.code}`, admin, registry.village), 'village', 200);
  const healthCenterId = await created(call(referralUrl, 'POST', '/facilities', admin, registry.healthCenter), 'puskesmas');
  const facilityId = await created(call(referralUrl, 'POST', '/facilities', admin, registry.hospital), 'hospital');
  const responderId = await created(call(referralUrl, 'POST', '/responders', admin, registry.responder), 'responder');
  const { village } = spec;
  const midwife = await person({ role: 'midwife', hc: healthCenterId, villages: [village.code] });
  return {
    name: spec.name,
    healthCenterId,
    village,
    facilityId,
    responderId,
    midwifeId: midwife.id,
    registry,
    tokens: {
      midwife: midwife.token,
      doctor: await personToken({ role: 'doctor', hc: healthCenterId }),
      hospital: await personToken({ role: 'hospital', facility: facilityId }),
      escort: await personToken({
        role: 'escort',
        responder: responderId,
        responderKind: 'police-officer',
        villages: [village.code],
      }),
      district: await personToken({ role: 'district' }),
      admin: await personToken({ role: 'admin' }),
    },
  };
}

/** Place A (Sempu) and place B (Sarongan, Pesanggaran): different districts, some 35 km apart. */
export async function twoPlaces(referralUrl: string): Promise<[Place, Place]> {
  const admin = await personToken({ role: 'admin' });
  return [
    await place(referralUrl, admin, {
      name: 'A',
      village: { code: '35.10.20.2001', name: 'Sempu', district: 'Sempu' },
      districtCode: '35.10.20',
      at: { latitude: -8.3, longitude: 114.17 },
    }),
    await place(referralUrl, admin, {
      name: 'B',
      village: { code: '35.10.01.2001', name: 'Sarongan', district: 'Pesanggaran' },
      districtCode: '35.10.01',
      at: { latitude: -8.6, longitude: 113.95 },
    }),
  ];
}
