import type { ServiceName } from '../support/system';
import { call } from '../support/client';
import { lowRiskWoman, normalVisit } from '../support/people';
import type { Place } from './places';

export interface Fixtures {
  /** A registered, visited and assessed pregnancy in each place. */
  pregnancyOf: Record<Place['name'], string>;
  url: (service: ServiceName) => string;
}

export interface PreparedRequest {
  path: string;
  body?: unknown;
}

const womanIn = (place: Place) => {
  const body = lowRiskWoman();
  body.mother.address = {
    ...body.mother.address,
    villageCode: place.village.code,
    villageName: place.village.name,
    districtName: place.village.district,
  };
  return body;
};

/** A fresh pregnancy in a place, for operations that change it for good (close). */
async function freshPregnancy(fixtures: Fixtures, place: Place): Promise<string> {
  const response = await call(fixtures.url('registration'), 'POST', '/pregnancies', place.tokens.midwife, womanIn(place));
  if (response.status !== 201) throw new Error(`fixture registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

const previewBody = () => {
  const woman = lowRiskWoman();
  const { visitDate, ...facts } = normalVisit();
  return {
    pregnancy: {
      motherBirthDate: woman.mother.birthDate,
      heightCm: woman.heightCm,
      hpht: woman.hpht,
      history: woman.history,
      conditions: [],
    },
    visits: [{ ...facts, visitDate }],
  };
};

/** How to call each operation on an object of `target`'s place. */
export const REQUESTS: Record<string, (fixtures: Fixtures, target: Place) => Promise<PreparedRequest> | PreparedRequest> = {
  'registration POST /pregnancies': (_, target) => ({ path: '/pregnancies', body: womanIn(target) }),
  'registration GET /pregnancies': () => ({ path: '/pregnancies' }),
  'registration GET /pregnancies/{id}': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}` }),
  'registration PATCH /pregnancies/{id}': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}`, body: { heightCm: 157 } }),
  'registration POST /pregnancies/{id}/close': async (f, target) => ({
    path: `/pregnancies/${await freshPregnancy(f, target)}/close`,
    body: { outcome: 'moved-away', closedAt: new Date().toISOString() },
  }),
  'registration GET /pregnancies/{id}/access-log': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}/access-log` }),
  'registration POST /pregnancies/{pregnancyId}/visits': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/visits`,
    body: normalVisit(),
  }),
  'registration GET /pregnancies/{pregnancyId}/visits': (f, target) => ({ path: `/pregnancies/${f.pregnancyOf[target.name]}/visits` }),
  'risk-scoring GET /pregnancies/{pregnancyId}/assessment': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/assessment`,
  }),
  'risk-scoring GET /pregnancies/{pregnancyId}/assessments': (f, target) => ({
    path: `/pregnancies/${f.pregnancyOf[target.name]}/assessments`,
  }),
  'risk-scoring POST /assessments/preview': () => ({ path: '/assessments/preview', body: previewBody() }),
  'risk-scoring POST /admin/rescore': () => ({ path: '/admin/rescore', body: {} }),
};

export { womanIn };
