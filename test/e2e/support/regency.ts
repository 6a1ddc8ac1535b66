import type { FacilityCapability } from '@siaga/contracts';
import { call } from './client';
import { personToken } from './identity';
import { SEMPU } from './people';

type LatLng = readonly [latitude: number, longitude: number];

/** Real Banyuwangi villages (Kepmendagri codes) with approximate centres, as the demo seed has them. */
export const VILLAGES = {
  sempu: { code: SEMPU.code, name: SEMPU.name, districtName: SEMPU.district, at: [-8.29, 114.16] as LatLng },
  jambewangi: { code: '35.10.20.2002', name: 'Jambewangi', districtName: 'Sempu', at: [-8.25, 114.15] as LatLng },
} as const;

export interface HospitalSpec {
  name: string;
  capabilities: FacilityCapability[];
  at: LatLng;
  /** Region codes served; the whole regency (35.10) unless given. */
  servedAreas?: string[];
}

export interface ResponderSpec {
  name: string;
  kind: 'police-unit' | 'police-officer' | 'volunteer' | 'village-ambulance';
  villageCodes: string[];
  at?: LatLng;
  /** Goes on duty through its own API (`PUT /responders/me/duty`) once registered; true unless given. */
  onDuty?: boolean;
}

export interface Hospital {
  id: string;
  name: string;
  /** A member of the hospital's staff (role hospital, claim facility). */
  staff: string;
}

export interface Responder {
  id: string;
  name: string;
  kind: ResponderSpec['kind'];
  /** The responder's own token (role escort, claim responder). */
  token: string;
}

export interface Regency {
  admin: string;
  hospitals: Hospital[];
  responders: Responder[];
  hospital(name: string): Hospital;
  responder(name: string): Responder;
}

const expectStatus = (what: string, response: { status: number; body: unknown }, status: number) => {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
};

/**
 * A small regency set up as a district admin would, through the referral service's registry API only:
 * the villages (with their centres, for "nearest"), the woman's health center, hospitals and responders.
 * Every responder goes on duty itself, with its own token, as a police post or a volunteer's phone does.
 */
export async function setUpRegency(
  referralUrl: string,
  spec: { healthCenterId: string; hospitals: HospitalSpec[]; responders: ResponderSpec[] },
): Promise<Regency> {
  const admin = await personToken({ role: 'admin', name: 'Admin Dinkes Banyuwangi' });
  for (const village of Object.values(VILLAGES)) {
    const put = await call(referralUrl, 'PUT', `/villages/${village.code}`, admin, {
      name: village.name,
      districtName: village.districtName,
      latitude: village.at[0],
      longitude: village.at[1],
    });
    expectStatus(`PUT /villages/${village.code}`, put, 200);
  }
  const puskesmas = await call(referralUrl, 'PUT', `/facilities/${spec.healthCenterId}`, admin, {
    kind: 'puskesmas',
    name: 'Puskesmas Sempu (e2e)',
    villageCode: VILLAGES.sempu.code,
    latitude: -8.291,
    longitude: 114.161,
    phone: '+62 800-0000-0101',
    capabilities: [],
    servedAreas: ['35.10.20'],
  });
  expectStatus('PUT /facilities (puskesmas)', puskesmas, 200);

  const hospitals: Hospital[] = [];
  for (const [n, h] of spec.hospitals.entries()) {
    const created = await call(referralUrl, 'POST', '/facilities', admin, {
      kind: 'hospital',
      name: h.name,
      address: `Jl. Contoh Rumah Sakit No. ${n + 1}`,
      latitude: h.at[0],
      longitude: h.at[1],
      phone: `+62 800-0000-03${String(n + 1).padStart(2, '0')}`,
      capabilities: h.capabilities,
      servedAreas: h.servedAreas ?? ['35.10'],
    });
    expectStatus(`POST /facilities (${h.name})`, created, 201);
    const id = created.body.id as string;
    hospitals.push({ id, name: h.name, staff: await personToken({ role: 'hospital', facility: id, name: `IGD ${h.name}` }) });
  }

  const responders: Responder[] = [];
  for (const [n, r] of spec.responders.entries()) {
    const organisation = r.kind.startsWith('police') ? 'Polsek Sempu (e2e)' : 'Laskar SAKINA (e2e)';
    const phone = `+62 800-0000-02${String(n + 1).padStart(2, '0')}`;
    const created = await call(referralUrl, 'POST', '/responders', admin, {
      kind: r.kind,
      name: r.name,
      organisation,
      phone,
      villageCodes: r.villageCodes,
      ...(r.at ? { latitude: r.at[0], longitude: r.at[1] } : {}),
      onDuty: false,
    });
    expectStatus(`POST /responders (${r.name})`, created, 201);
    const id = created.body.id as string;
    const token = await personToken({
      role: 'escort',
      responder: id,
      responderKind: r.kind,
      organisation,
      phone,
      name: r.name,
      villages: r.villageCodes,
    });
    if (r.onDuty ?? true) {
      const duty = await call(referralUrl, 'PUT', '/responders/me/duty', token, { onDuty: true });
      expectStatus(`PUT /responders/me/duty (${r.name})`, duty, 200);
    }
    responders.push({ id, name: r.name, kind: r.kind, token });
  }

  const byName = <T extends { name: string }>(list: T[], name: string): T => {
    const found = list.find((x) => x.name === name);
    if (!found) throw new Error(`no ${name} in the regency`);
    return found;
  };
  return {
    admin,
    hospitals,
    responders,
    hospital: (name) => byName(hospitals, name),
    responder: (name) => byName(responders, name),
  };
}
