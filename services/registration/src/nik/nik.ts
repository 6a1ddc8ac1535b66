import { DISTRICT_CODES, REGENCY_CODES } from './wilayah-codes';

const REGENCIES = new Set(REGENCY_CODES);
const DISTRICTS = new Set(DISTRICT_CODES);

export interface NikCheck {
  valid: boolean;
  problems: string[];
  /** The district part is not in today's list: districts are split and renumbered, so it is flagged, not refused. */
  unknownDistrict: boolean;
}

/**
 * NIK structure (domain reference, section 6): 6 digits region (province, regency, district),
 * 6 digits birth date DDMMYY with 40 added to the day for women, 4 digits serial.
 * Province and regency are checked strictly, the district leniently.
 */
export function checkNik(nik: string, birthDate: string): NikCheck {
  const problems: string[] = [];
  if (!/^\d{16}$/.test(nik)) return { valid: false, problems: ['must be 16 digits'], unknownDistrict: false };
  const regency = nik.slice(0, 4);
  if (!REGENCIES.has(regency)) problems.push(`region code ${nik.slice(0, 2)}.${nik.slice(2, 4)} is not a known regency`);
  const day = Number(nik.slice(6, 8));
  const month = nik.slice(8, 10);
  const year = nik.slice(10, 12);
  const [birthYear, birthMonth, birthDay] = birthDate.split('-');
  if (day <= 40) problems.push('birth day must have 40 added (the mother is a woman)');
  else if (day - 40 !== Number(birthDay) || month !== birthMonth || year !== birthYear.slice(2)) {
    problems.push('birth date digits do not match the mother’s birth date');
  }
  if (nik.slice(12) === '0000') problems.push('serial must not be 0000');
  return { valid: problems.length === 0, problems, unknownDistrict: !DISTRICTS.has(nik.slice(0, 6)) };
}
