import { randomInt, randomUUID } from 'node:crypto';
import { anObstetricHistory, isoDaysAgo, SEMPU_VILLAGE } from '@siaga/testing';

export { SEMPU_VILLAGE };
export const OTHER_VILLAGE = '35.10.20.2002';

/** A NIK from Sempu (35.10.20) that matches the birth date, women's day + 40, unique serial. */
export function nikFor(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  return `351020${String(Number(d) + 40)}${m}${y.slice(2)}${String(randomInt(1, 9999)).padStart(4, '0')}`;
}

export function registrationBody(overrides: { birthDate?: string; villageCode?: string; hphtDaysAgo?: number; nik?: string } = {}) {
  const birthDate = overrides.birthDate ?? `199${randomInt(0, 9)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
  return {
    mother: {
      nik: overrides.nik ?? nikFor(birthDate),
      name: 'Ibu Contoh',
      birthDate,
      phone: '+6281200000001',
      address: {
        street: 'Dusun Krajan RT 01',
        villageCode: overrides.villageCode ?? SEMPU_VILLAGE,
        villageName: 'Sempu',
        districtName: 'Sempu',
        regencyName: 'Kabupaten Banyuwangi',
      },
    },
    history: anObstetricHistory({ lastBirthDate: '2022-03-01', marriageDate: '2019-01-01' }),
    heightCm: 152,
    hpht: isoDaysAgo(overrides.hphtDaysAgo ?? 70),
    conditions: [],
    birthPlan: { place: 'Puskesmas Sempu', attendant: 'bidan', bloodDonors: ['Suami', 'Kakak'] },
  };
}

export const healthCenterId = randomUUID();
export const midwifeId = randomUUID();
