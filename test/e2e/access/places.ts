import { randomUUID } from 'node:crypto';
import { tokenFor } from '@siaga/testing';

export const ROLES = ['midwife', 'doctor', 'hospital', 'escort', 'district', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Two places of the regency, each with its health center, village, hospital and responder. */
export interface Place {
  name: 'A' | 'B';
  healthCenterId: string;
  village: { code: string; name: string; district: string };
  facilityId: string;
  responderId: string;
  /** One user per role, scoped to this place. */
  tokens: Record<Role, string>;
  midwifeId: string;
}

async function place(name: 'A' | 'B', village: Place['village']): Promise<Place> {
  const healthCenterId = randomUUID();
  const facilityId = randomUUID();
  const responderId = randomUUID();
  const midwifeId = randomUUID();
  return {
    name,
    healthCenterId,
    village,
    facilityId,
    responderId,
    midwifeId,
    tokens: {
      midwife: await tokenFor({ role: 'midwife', sub: midwifeId, hc: healthCenterId, villages: [village.code] }),
      doctor: await tokenFor({ role: 'doctor', hc: healthCenterId }),
      hospital: await tokenFor({ role: 'hospital', facility: facilityId }),
      escort: await tokenFor({ role: 'escort', responder: responderId, villages: [village.code] }),
      district: await tokenFor({ role: 'district' }),
      admin: await tokenFor({ role: 'admin' }),
    },
  };
}

export const twoPlaces = async (): Promise<[Place, Place]> => [
  await place('A', { code: '35.10.20.2001', name: 'Sempu', district: 'Sempu' }),
  await place('B', { code: '35.10.01.2001', name: 'Sarongan', district: 'Pesanggaran' }),
];
