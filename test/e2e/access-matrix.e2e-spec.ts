import { eventually } from '@siaga/testing';
import { ACCESS_MATRIX, expectedStatus, type MatrixRow } from './access/matrix';
import { ROLES, twoPlaces, type Place } from './access/places';
import { REQUESTS, womanIn, type Fixtures } from './access/requests';
import { call } from './support/client';
import { normalVisit } from './support/people';
import { startSystem, type RunningSystem, type ServiceName } from './support/system';

/** Scenario 6: every role × every operation × own/other object, compared with the matrix kept as data. */
describe('e2e: authorization matrix', () => {
  let system: RunningSystem;
  let places: [Place, Place];
  let fixtures: Fixtures;

  beforeAll(async () => {
    system = await startSystem();
    places = await twoPlaces();
    const pregnancyOf = {} as Fixtures['pregnancyOf'];
    for (const place of places) {
      const registered = await call(system.url('registration'), 'POST', '/pregnancies', place.tokens.midwife, womanIn(place));
      expect(registered.status).toBe(201);
      pregnancyOf[place.name] = registered.body.id;
      expect(
        (await call(system.url('registration'), 'POST', `/pregnancies/${registered.body.id}/visits`, place.tokens.midwife, normalVisit()))
          .status,
      ).toBe(201);
    }
    fixtures = { pregnancyOf, url: (s) => system.url(s) };
    for (const place of places) {
      await eventually(async () => {
        const r = await call(system.url('risk-scoring'), 'GET', `/pregnancies/${pregnancyOf[place.name]}/assessment`, place.tokens.doctor);
        expect(r.status).toBe(200);
      }, 30_000);
    }
  }, 120_000);

  afterAll(() => system?.stop());

  it('has a row for every operation every service documents in OpenAPI', async () => {
    const documented: string[] = [];
    for (const service of Object.keys(system.services) as ServiceName[]) {
      const openapi = (await call(system.url(service), 'GET', '/docs/openapi.json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      for (const [path, operations] of Object.entries(openapi.paths)) {
        for (const method of Object.keys(operations)) documented.push(`${service} ${method.toUpperCase()} ${path}`);
      }
    }
    const inMatrix = new Set(ACCESS_MATRIX.map((row) => `${row.service} ${row.operation}`));
    expect(documented.filter((op) => !inMatrix.has(op))).toEqual([]);
    expect([...inMatrix].filter((op) => !documented.includes(op))).toEqual([]);
    expect(ACCESS_MATRIX.map((row) => `${row.service} ${row.operation}`).filter((op) => !(op in REQUESTS))).toEqual([]);
  });

  it.each(ROLES)(
    'answers every operation for %s as the matrix says, in both places',
    async (role) => {
      const mismatches: string[] = [];
      const check = async (row: MatrixRow, caller: Place, whose: 'own' | 'other') => {
        const target = whose === 'own' ? caller : places.find((p) => p !== caller)!;
        const request = await REQUESTS[`${row.service} ${row.operation}`](fixtures, target);
        const [method] = row.operation.split(' ');
        const response = await call(system.url(row.service), method, request.path, caller.tokens[role], request.body);
        const expected = expectedStatus(row, role, whose);
        if (response.status !== expected) {
          mismatches.push(
            `${row.service} ${row.operation} as ${role}@${caller.name} on ${whose}: ${response.status}, expected ${expected}`,
          );
        }
      };
      for (const row of ACCESS_MATRIX) {
        for (const caller of places) {
          await check(row, caller, 'own');
          await check(row, caller, 'other');
        }
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );
});
