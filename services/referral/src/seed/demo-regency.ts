import type { FacilityInput, ResponderInput, Village } from '@referral/registry/registry.types';

/**
 * A small demo regency on real Banyuwangi districts and villages (shared/domain/wilayah/banyuwangi.csv,
 * Kepmendagri codes). Village centres are approximate (for distances only). Facilities, responders and
 * phone numbers are made up and look it (+62 800-0000-xxxx). The ids of the demo health center, hospital
 * and responder are those of scripts/lib/demo.mjs, so the accounts `npm start` prints work against them.
 */
export const DEMO_IDS = {
  healthCenter: 'de300000-0000-4000-8000-000000000001',
  hospital: 'de400000-0000-4000-8000-000000000001',
  responder: 'de500000-0000-4000-8000-000000000001',
} as const;

const id = (prefix: string, n: number): string => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

type VillageRow = [code: string, name: string, latitude: number, longitude: number];

const DISTRICTS: { code: string; name: string; villages: VillageRow[] }[] = [
  {
    code: '35.10.20',
    name: 'Sempu',
    villages: [
      ['35.10.20.2001', 'Sempu', -8.29, 114.16],
      ['35.10.20.2002', 'Jambewangi', -8.25, 114.15],
      ['35.10.20.2003', 'Karangsari', -8.3, 114.19],
      ['35.10.20.2004', 'Temuguruh', -8.3, 114.13],
      ['35.10.20.2005', 'Gendoh', -8.26, 114.2],
      ['35.10.20.2006', 'Temuasri', -8.28, 114.12],
      ['35.10.20.2007', 'Tegalarum', -8.24, 114.18],
    ],
  },
  {
    code: '35.10.09',
    name: 'Genteng',
    villages: [
      ['35.10.09.2001', 'Kembiritan', -8.34, 114.17],
      ['35.10.09.2002', 'Genteng Wetan', -8.365, 114.155],
      ['35.10.09.2003', 'Genteng Kulon', -8.368, 114.14],
      ['35.10.09.2004', 'Setail', -8.38, 114.17],
      ['35.10.09.2005', 'Kaligondo', -8.35, 114.13],
    ],
  },
  {
    code: '35.10.13',
    name: 'Rogojampi',
    villages: [
      ['35.10.13.2001', 'Aliyan', -8.32, 114.26],
      ['35.10.13.2010', 'Gitik', -8.29, 114.27],
      ['35.10.13.2012', 'Karangbendo', -8.3, 114.3],
      ['35.10.13.2013', 'Rogojampi', -8.31, 114.285],
      ['35.10.13.2018', 'Kedaleman', -8.33, 114.29],
    ],
  },
  {
    code: '35.10.16',
    name: 'Banyuwangi',
    villages: [
      ['35.10.16.1002', 'Sobo', -8.21, 114.35],
      ['35.10.16.1004', 'Penganjuran', -8.225, 114.36],
      ['35.10.16.1008', 'Kepatihan', -8.213, 114.365],
      ['35.10.16.1010', 'Singonegaran', -8.21, 114.37],
      ['35.10.16.1017', 'Tamanbaru', -8.225, 114.345],
    ],
  },
  {
    code: '35.10.10',
    name: 'Glenmore',
    villages: [
      ['35.10.10.2001', 'Tegalharjo', -8.37, 114.07],
      ['35.10.10.2002', 'Sepanjang', -8.33, 114.05],
      ['35.10.10.2003', 'Karangharjo', -8.36, 114.1],
    ],
  },
];

export const DEMO_VILLAGES: Village[] = DISTRICTS.flatMap((d) =>
  d.villages.map(([code, name, latitude, longitude]) => ({ code, name, districtCode: d.code, districtName: d.name, latitude, longitude })),
);

const villagesOf = (districtCode: string): string[] => DEMO_VILLAGES.filter((v) => v.districtCode === districtCode).map((v) => v.code);

const puskesmas = (n: number, name: string, villageCode: string, latitude: number, longitude: number): FacilityInput => ({
  id: id('de300000', n),
  kind: 'puskesmas',
  name,
  address: `Jl. Contoh Puskesmas No. ${n}`,
  villageCode,
  latitude,
  longitude,
  phone: `+62 800-0000-01${String(n).padStart(2, '0')}`,
  capabilities: [],
  servedAreas: [villageCode.slice(0, 8)],
  active: true,
});

export const DEMO_FACILITIES: FacilityInput[] = [
  puskesmas(1, 'Puskesmas Sempu (demo)', '35.10.20.2001', -8.291, 114.161),
  puskesmas(2, 'Puskesmas Genteng Kulon (demo)', '35.10.09.2003', -8.367, 114.142),
  puskesmas(3, 'Puskesmas Rogojampi (demo)', '35.10.13.2013', -8.311, 114.283),
  puskesmas(4, 'Puskesmas Kepatihan (demo)', '35.10.16.1008', -8.214, 114.366),
  puskesmas(5, 'Puskesmas Glenmore (demo)', '35.10.10.2001', -8.371, 114.072),
  {
    id: id('de310000', 1),
    kind: 'polindes',
    name: 'Polindes Jambewangi (demo)',
    address: 'Dusun Contoh RT 02, Jambewangi',
    villageCode: '35.10.20.2002',
    latitude: -8.251,
    longitude: 114.151,
    phone: '+62 800-0000-0150',
    capabilities: [],
    servedAreas: ['35.10.20.2002'],
    active: true,
  },
  // Three hospitals serving the whole regency, at rising distance from Sempu: the demo one first.
  {
    id: DEMO_IDS.hospital,
    kind: 'hospital',
    name: 'RSUD Demo Banyuwangi',
    address: 'Jl. Contoh Rumah Sakit No. 1, Genteng',
    villageCode: '35.10.09.2002',
    latitude: -8.36,
    longitude: 114.16,
    phone: '+62 800-0000-0301',
    capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank', 'nicu'],
    servedAreas: ['35.10'],
    active: true,
  },
  {
    id: id('de400000', 2),
    kind: 'hospital',
    name: 'RS Demo Rogojampi',
    address: 'Jl. Contoh Rumah Sakit No. 2, Rogojampi',
    villageCode: '35.10.13.2013',
    latitude: -8.312,
    longitude: 114.29,
    phone: '+62 800-0000-0302',
    capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank'],
    servedAreas: ['35.10'],
    active: true,
  },
  {
    id: id('de400000', 3),
    kind: 'hospital',
    name: 'RS Demo Kota',
    address: 'Jl. Contoh Rumah Sakit No. 3, Banyuwangi',
    villageCode: '35.10.16.1008',
    latitude: -8.215,
    longitude: 114.362,
    phone: '+62 800-0000-0303',
    capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank', 'icu', 'nicu'],
    servedAreas: ['35.10'],
    active: true,
  },
];

const responder = (
  n: number,
  kind: ResponderInput['kind'],
  name: string,
  organisation: string,
  villageCodes: string[],
  position: [number, number] | null,
  onDuty = true,
): ResponderInput => ({
  id: n === 1 ? DEMO_IDS.responder : id('de500000', n),
  kind,
  name,
  organisation,
  phone: `+62 800-0000-02${String(n).padStart(2, '0')}`,
  villageCodes,
  latitude: position?.[0] ?? null,
  longitude: position?.[1] ?? null,
  onDuty,
  active: true,
});

export const DEMO_RESPONDERS: ResponderInput[] = [
  responder(1, 'police-unit', 'Polsek Sempu (demo)', 'Polresta Banyuwangi (demo)', villagesOf('35.10.20'), [-8.289, 114.163]),
  responder(2, 'police-officer', 'Bhabinkamtibmas Jambewangi (demo)', 'Polsek Sempu (demo)', ['35.10.20.2002', '35.10.20.2007'], null),
  responder(3, 'volunteer', 'Relawan Sempu (demo)', 'Laskar SAKINA (demo)', ['35.10.20.2001', '35.10.20.2003'], null),
  responder(4, 'village-ambulance', 'Ambulans Desa Jambewangi (demo)', 'Pemdes Jambewangi (demo)', ['35.10.20.2002'], [-8.25, 114.15]),
  responder(5, 'police-unit', 'Polsek Genteng (demo)', 'Polresta Banyuwangi (demo)', villagesOf('35.10.09'), [-8.366, 114.15]),
  responder(6, 'volunteer', 'Kader Genteng Wetan (demo)', 'Laskar SAKINA (demo)', ['35.10.09.2002'], null, false),
  responder(7, 'police-unit', 'Polsek Rogojampi (demo)', 'Polresta Banyuwangi (demo)', villagesOf('35.10.13'), [-8.31, 114.28]),
  responder(8, 'police-unit', 'Polsek Kota (demo)', 'Polresta Banyuwangi (demo)', villagesOf('35.10.16'), [-8.214, 114.36]),
  responder(9, 'volunteer', 'Relawan Glenmore (demo)', 'Laskar SAKINA (demo)', villagesOf('35.10.10'), null),
];
