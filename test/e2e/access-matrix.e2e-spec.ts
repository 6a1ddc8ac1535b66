import { ACCESS_MATRIX, CLINICAL_KEYS, ESCORT_VIEW_KEYS, NIK_LIKE, expectedStatus, type MatrixRow, type Whose } from './access/matrix';
import { prepareFixtures } from './access/fixtures';
import { ROLES, twoPlaces, type Place, type Role } from './access/places';
import { REQUESTS, type Fixtures } from './access/requests';
import { call, openStream, type ApiResponse } from './support/client';
import { startSystem, type RunningSystem, type ServiceName } from './support/system';

/** Every key of a JSON document, at any depth (array elements included). */
function deepKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => deepKeys(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      into.add(key);
      deepKeys(v, into);
    }
  }
  return into;
}

/** Values of a key at any depth. */
function deepValues(value: unknown, key: string, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => deepValues(v, key, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) into.push(v);
      deepValues(v, key, into);
    }
  }
  return into;
}

const ok = (status: number) => status >= 200 && status < 300;

/** What an escort got that she must not see: keys outside the row's allowed set, clinical keys, a woman's NIK or name. */
function escortLeaks(row: MatrixRow, response: ApiResponse, fixtures: Fixtures): string[] {
  const allowed = new Set<string>(row.escortSees ?? ESCORT_VIEW_KEYS);
  const keys = deepKeys(response.body);
  const text = JSON.stringify(response.body ?? null);
  return [
    ...(ok(response.status) ? [...keys].filter((k) => !allowed.has(k)).map((k) => `key ${k}`) : []),
    ...CLINICAL_KEYS.filter((k) => keys.has(k) && !allowed.has(k)).map((k) => `clinical key ${k}`),
    ...(NIK_LIKE.test(text) ? ['a NIK-like number'] : []),
    ...[...fixtures.women.names].filter((name) => text.includes(name)).map((name) => `the name ${name}`),
  ];
}

/** Scenario 6: every role × every operation × own/other object, compared with the matrix kept as data. */
describe('e2e: authorization matrix', () => {
  let system: RunningSystem;
  let places: [Place, Place];
  let fixtures: Fixtures;

  beforeAll(async () => {
    // Timers far beyond the run: every object stays in the state its fixture put it in (access, not escalation, is tested).
    system = await startSystem({
      ALERT_ACK_LIMIT_EMERGENCY_SECONDS: '7200',
      REFERRAL_EMERGENCY_ANSWER_SECONDS: '7200',
      REFERRAL_PLANNED_ANSWER_SECONDS: '7200',
      ESCORT_EMERGENCY_ANSWER_SECONDS: '7200',
      ESCORT_PLANNED_ANSWER_SECONDS: '7200',
    });
    places = await twoPlaces(system.url('referral'));
    fixtures = await prepareFixtures((s) => system.url(s), places);
  }, 180_000);

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
    async (role: Role) => {
      const mismatches: string[] = [];
      const check = async (row: MatrixRow, caller: Place, whose: Whose) => {
        const target = whose === 'own' ? caller : places.find((p) => p !== caller)!;
        const request = await REQUESTS[`${row.service} ${row.operation}`](fixtures, target);
        const [method] = row.operation.split(' ');
        const token = caller.tokens[role];
        const response = request.stream
          ? await openStream(system.url(row.service), request.path, token)
          : await call(system.url(row.service), method, request.path, token, request.body);
        const where = `${row.service} ${row.operation} as ${role}@${caller.name} on ${whose}`;
        const expected = expectedStatus(row, role, whose);
        if (response.status !== expected) {
          mismatches.push(`${where}: ${response.status}, expected ${expected} ${JSON.stringify(response.body).slice(0, 200)}`);
        }
        if (role === 'escort' && row.allowed.escort) {
          for (const leak of escortLeaks(row, response, fixtures)) mismatches.push(`${where}: the escort sees ${leak}`);
        }
        if (!ok(response.status)) return;
        if (request.marker !== undefined) {
          const shouldList = (row.listed?.[role] ?? []).includes(whose);
          const listed = JSON.stringify(response.body).includes(request.marker);
          if (listed !== shouldList) mismatches.push(`${where}: the ${whose} place's object is ${listed ? '' : 'not '}listed`);
        }
        for (const key of row.hidden?.[role] ?? []) {
          const shown = deepValues(response.body, key).filter((v) => v !== null && v !== undefined);
          if (shown.length > 0) mismatches.push(`${where}: ${key} must be hidden, got ${JSON.stringify(shown).slice(0, 120)}`);
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
    300_000,
  );
});
