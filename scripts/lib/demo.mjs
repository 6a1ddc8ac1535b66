// Demo identities for local development: stable place ids, so the demo accounts of `npm start`
// (Keycloak, scripts/keycloak/demo-accounts.mjs) and development tokens (SIAGA_AUTH=dev-secret) keep
// matching data created with an earlier one. A demo seed should use the same ids. `sub` is used by
// development tokens only: a Keycloak account's user id is Keycloak's.
// Places are real Banyuwangi codes (data/wilayah/banyuwangi.csv); people and facilities are
// made up and look it.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo.mjs';

export const DEMO_HEALTH_CENTER = { id: 'de300000-0000-4000-8000-000000000001', name: 'Puskesmas Sempu (demo)' };
export const DEMO_FACILITY = { id: 'de400000-0000-4000-8000-000000000001', name: 'RSUD Demo Banyuwangi' };
export const DEMO_RESPONDER = { id: 'de500000-0000-4000-8000-000000000001', name: 'Polsek Sempu (demo)' };
/** Sempu district (35.10.20): Sempu and Jambewangi villages. */
export const DEMO_VILLAGES = ['35.10.20.2001', '35.10.20.2002'];

/** One entry per role; `claims` are what mintToken takes. */
export const DEMO_USERS = [
  {
    key: 'midwife',
    about: `midwife of ${DEMO_HEALTH_CENTER.name}, villages ${DEMO_VILLAGES.join(', ')}`,
    claims: {
      sub: 'de100000-0000-4000-8000-000000000001',
      role: 'midwife',
      name: 'Bidan Demo Sari',
      hc: DEMO_HEALTH_CENTER.id,
      villages: DEMO_VILLAGES,
    },
  },
  {
    key: 'doctor',
    about: `doctor of ${DEMO_HEALTH_CENTER.name}`,
    claims: { sub: 'de100000-0000-4000-8000-000000000002', role: 'doctor', name: 'dr. Demo Hartono', hc: DEMO_HEALTH_CENTER.id },
  },
  {
    key: 'hospital',
    about: `hospital staff of ${DEMO_FACILITY.name}`,
    claims: { sub: 'de100000-0000-4000-8000-000000000003', role: 'hospital', name: 'Perawat Demo Wulan', facility: DEMO_FACILITY.id },
  },
  {
    key: 'escort',
    about: `escort (police), ${DEMO_RESPONDER.name}`,
    claims: { sub: 'de100000-0000-4000-8000-000000000004', role: 'escort', name: 'Bripka Demo Agus', responder: DEMO_RESPONDER.id },
  },
  {
    key: 'district',
    about: 'district health office (Dinkes Banyuwangi)',
    claims: { sub: 'de100000-0000-4000-8000-000000000005', role: 'district', name: 'Dinkes Demo Rina' },
  },
  {
    key: 'admin',
    about: 'administrator',
    claims: { sub: 'de100000-0000-4000-8000-000000000006', role: 'admin', name: 'Admin Demo' },
  },
];

/** code -> village name for the given codes, from data/wilayah/banyuwangi.csv ({} if it is missing). */
export function villageNames(codes = DEMO_VILLAGES) {
  const names = {};
  try {
    const csv = fs.readFileSync(path.join(REPO_ROOT, 'data', 'wilayah', 'banyuwangi.csv'), 'utf8');
    for (const line of csv.split('\n')) {
      const [code, level, name] = line.split(',');
      if (level === 'village' && codes.includes(code)) names[code] = name;
    }
  } catch {
    /* names are decoration only */
  }
  return names;
}
