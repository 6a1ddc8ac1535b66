import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nextHospital } from '@referral/referral/hospital-selection';
import { requiredCapabilities } from '@referral/referral/required-capabilities';
import { responderWave } from '@referral/escort/responder-selection';
import { DEMO_FACILITIES, DEMO_IDS, DEMO_RESPONDERS, DEMO_VILLAGES } from './demo-regency';

/** The demo regency must use real Banyuwangi codes and names, and route the demo women to the demo hospital and police post. */
describe('demo regency', () => {
  const csv = readFileSync(path.join(process.cwd(), 'data', 'wilayah', 'banyuwangi.csv'), 'utf8');
  const real = new Map(
    csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',').map((field) => field.trim()))
      .filter(([, level]) => level === 'village')
      .map(([code, , name, districtCode, districtName]) => [code, { name, districtCode, districtName }]),
  );

  it('uses real village codes with their real names and districts', () => {
    for (const v of DEMO_VILLAGES)
      expect({ code: v.code, ...real.get(v.code) }).toEqual({
        code: v.code,
        name: v.name,
        districtCode: v.districtCode,
        districtName: v.districtName,
      });
    for (const f of DEMO_FACILITIES) expect(real.has(f.villageCode ?? '')).toBe(true);
    for (const r of DEMO_RESPONDERS) for (const code of r.villageCodes) expect(real.has(code)).toBe(true);
  });

  it('has made-up phone numbers that look made up', () => {
    for (const phone of [...DEMO_FACILITIES, ...DEMO_RESPONDERS].map((x) => x.phone)) expect(phone).toMatch(/^\+62 800-0000-\d{4}$/);
    expect(new Set([...DEMO_FACILITIES, ...DEMO_RESPONDERS].map((x) => x.id)).size).toBe(DEMO_FACILITIES.length + DEMO_RESPONDERS.length);
  });

  it('sends an emergency from Sempu first to the demo hospital, and offers its escort to the demo police post', () => {
    const sempu = DEMO_VILLAGES.find((v) => v.code === '35.10.20.2001')!;
    const hospitals = DEMO_FACILITIES.filter((f) => f.kind === 'hospital').map((f) => ({
      ...f,
      location: { latitude: f.latitude!, longitude: f.longitude! },
    }));
    const first = nextHospital(hospitals, {
      villageCode: sempu.code,
      from: { latitude: sempu.latitude!, longitude: sempu.longitude! },
      required: requiredCapabilities({ urgency: 'emergency', icd10: 'O14.1' }),
      exclude: new Set(),
    });
    expect(first?.hospital.id).toBe(DEMO_IDS.hospital);
    const wave = responderWave(
      DEMO_RESPONDERS.filter((r) => r.onDuty).map((r) => ({ id: r.id, villageCodes: r.villageCodes, location: null })),
      { villageCode: sempu.code, location: null },
      'village',
      new Set(),
      15,
    );
    expect(wave.map((r) => r.id)).toContain(DEMO_IDS.responder);
  });
});
