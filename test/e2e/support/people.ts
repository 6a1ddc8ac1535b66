import { randomInt, randomUUID } from 'node:crypto';
import { anObstetricHistory, isoDaysAgo } from '@siaga/testing';
import { person, personToken } from './identity';

export const SEMPU = { code: '35.10.20.2001', name: 'Sempu', district: 'Sempu' };

/** The users of one health center, each with a real token (the services verify them; see ./identity). */
export async function healthCenterStaff() {
  const healthCenterId = randomUUID();
  const midwife = await person({ role: 'midwife', name: 'Bidan Sari', hc: healthCenterId, villages: [SEMPU.code] });
  return {
    healthCenterId,
    midwifeId: midwife.id,
    midwife: midwife.token,
    doctor: await personToken({ role: 'doctor', hc: healthCenterId, name: 'dr. Ayu Lestari' }),
    district: await personToken({ role: 'district' }),
  };
}

/** A 25-year-old in her second pregnancy, nothing on the KSPR card but the baseline: KRR. */
let serial = randomInt(1, 5000);

export function lowRiskWoman(hphtDaysAgo = 84) {
  const birthDate = `2001-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
  const [y, m, d] = birthDate.split('-');
  serial = (serial % 9998) + 1;
  return {
    mother: {
      nik: `351020${Number(d) + 40}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`,
      name: 'Ibu Rendah Risiko',
      birthDate,
      phone: '+6280000000101',
      address: {
        street: 'Dusun Krajan',
        villageCode: SEMPU.code,
        villageName: SEMPU.name,
        districtName: SEMPU.district,
        regencyName: 'Kabupaten Banyuwangi',
      },
    },
    history: anObstetricHistory({ stillbirths: 0, lastBirthDate: isoDaysAgo(4 * 365 + hphtDaysAgo), marriageDate: isoDaysAgo(7 * 365) }),
    heightCm: 156,
    hpht: isoDaysAgo(hphtDaysAgo),
    conditions: [],
    birthPlan: { place: 'Polindes Sempu', attendant: 'bidan', companion: 'suami', transport: 'motor', bloodDonors: ['A', 'B', 'C', 'D'] },
  };
}

export const normalVisit = () => ({
  visitDate: new Date().toISOString().slice(0, 10),
  systolic: 110,
  diastolic: 70,
  weightKg: 58,
  temperatureC: 36.7,
  pulse: 82,
  spo2: 98,
  lilaCm: 25,
  hemoglobin: 11.8,
  urineProtein: 'negative',
  fetalHeartRate: 140,
  fetalMovement: 'normal',
  oedema: false,
  dangerSigns: [],
});

/** BP 170/115 with a severe headache: WHO-BP-SEVERE and WHO-PE-SEVERE (and KSPR-20), an emergency. */
export const emergencyVisit = () => ({
  ...normalVisit(),
  systolic: 170,
  diastolic: 115,
  dangerSigns: ['severe-headache'],
});

/**
 * A woman with a previous caesarean (KSPR-10, 8 points): KRT at registration; a breech baby at a visit
 * from 28 weeks on (KSPR-17, 8 points) makes her KRST (2 + 8 + 8 = 18).
 */
export function previousCaesareanWoman(hphtDaysAgo: number) {
  const woman = lowRiskWoman(hphtDaysAgo);
  woman.mother.name = 'Ibu Riwayat Sesar';
  woman.history.previousCaesarean = true;
  return woman;
}

/** A normal visit but for a breech presentation (KSPR-17 from 28 weeks). */
export const breechVisit = () => ({ ...normalVisit(), presentation: 'breech' });
