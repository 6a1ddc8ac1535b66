import { nextHospital, rankHospitals, type HospitalCandidate } from './hospital-selection';

const SEMPU = '35.10.20.2001';
const sempu = { latitude: -8.27, longitude: 114.18 };

const hospital = (id: string, overrides: Partial<HospitalCandidate> = {}): HospitalCandidate => ({
  id,
  name: `RS ${id}`,
  capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank'],
  servedAreas: ['35.10'],
  location: null,
  ...overrides,
});

const genteng = hospital('genteng', { location: { latitude: -8.366, longitude: 114.152 } }); // ~11 km
const rogojampi = hospital('rogojampi', { location: { latitude: -8.31, longitude: 114.28 } }); // ~12 km
const kota = hospital('kota', { location: { latitude: -8.219, longitude: 114.369 } }); // ~22 km

const need = (overrides: Partial<Parameters<typeof rankHospitals>[1]> = {}) => ({
  villageCode: SEMPU,
  from: sempu,
  required: ['obstetrician', 'ponek'] as const,
  exclude: new Set<string>(),
  ...overrides,
});

describe(rankHospitals.name, () => {
  it('puts the nearest capable hospital first', () => {
    const ranked = rankHospitals([kota, rogojampi, genteng], need());
    expect(ranked.map((r) => r.hospital.id)).toEqual(['genteng', 'rogojampi', 'kota']);
    expect(ranked[0].distanceKm).toBeGreaterThan(9);
    expect(ranked[0].distanceKm).toBeLessThan(13);
  });

  it('leaves out hospitals lacking a required capability', () => {
    const noIcu = rankHospitals([genteng, { ...kota, capabilities: [...kota.capabilities, 'icu'] }], need({ required: ['ponek', 'icu'] }));
    expect(noIcu.map((r) => r.hospital.id)).toEqual(['kota']);
  });

  it('leaves out hospitals that do not serve her village, district or regency', () => {
    const elsewhere = { ...genteng, servedAreas: ['35.10.09', '35.10.10'] };
    const herDistrict = { ...rogojampi, servedAreas: ['35.10.20'] };
    const herVillage = { ...kota, servedAreas: [SEMPU] };
    expect(rankHospitals([elsewhere, herDistrict, herVillage], need()).map((r) => r.hospital.id)).toEqual(['rogojampi', 'kota']);
  });

  it('never asks a hospital twice', () => {
    expect(nextHospital([genteng, rogojampi, kota], need({ exclude: new Set(['genteng']) }))?.hospital.id).toBe('rogojampi');
    expect(nextHospital([genteng], need({ exclude: new Set(['genteng']) }))).toBeNull();
  });

  it('ranks hospitals of unknown position after the known ones, then by name', () => {
    const a = hospital('a', { name: 'RS Alpha' });
    const b = hospital('b', { name: 'RS Beta' });
    expect(rankHospitals([b, kota, a], need()).map((r) => [r.hospital.id, r.distanceKm === null])).toEqual([
      ['kota', false],
      ['a', true],
      ['b', true],
    ]);
  });

  it('falls back to name order when she has no known position', () => {
    expect(rankHospitals([rogojampi, genteng, kota], need({ from: null })).map((r) => r.hospital.name)).toEqual([
      'RS genteng',
      'RS kota',
      'RS rogojampi',
    ]);
  });
});
