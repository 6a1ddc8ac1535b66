import { NOT_A_CALENDAR_DATE, NOT_A_DATE_TIME, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@registration/app.module';
import { HistoryCalendarDates1765213100000 } from '@registration/migrations/1765213100000-history-calendar-dates';
import { SEMPU_VILLAGE, healthCenterId, midwifeId, registrationBody } from './fixtures';

type Body = ReturnType<typeof registrationBody>;

describe('registration: dates at the HTTP edge (real PostgreSQL and Kafka)', () => {
  const { schema } = isolateTestFile('registration');
  let sut: ServiceUnderTest;
  let db: DataSource;
  let midwife: string;
  let doctor: string;
  let pregnancyId: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    db = sut.app.get(DataSource);
    midwife = await tokenFor({ role: 'midwife', sub: midwifeId, hc: healthCenterId, villages: [SEMPU_VILLAGE] });
    doctor = await tokenFor({ role: 'doctor', hc: healthCenterId });
    const registered = await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() });
    expect(registered.status).toBe(201);
    pregnancyId = registered.body.id;
  });

  afterAll(() => sut.close());

  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const count = async (table: string): Promise<number> => (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  it('refuses the lost emergency: a visit dated 2026-100 is a 400 naming visitDate, and nothing is written', async () => {
    const [visitsBefore, outboxBefore] = [await count('visit'), await count('outbox')];
    const response = await sut.request('POST', `/pregnancies/${pregnancyId}/visits`, {
      token: midwife,
      body: { visitDate: '2026-100', systolic: 170, diastolic: 115, dangerSigns: ['convulsions'] },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ field: 'visitDate', message: 'visitDate must be a calendar date (YYYY-MM-DD)' }]);
    expect([await count('visit'), await count('outbox')]).toEqual([visitsBefore, outboxBefore]);
  });

  const registrationCases: [field: string, set: (body: Body, value: string) => void][] = [
    ['mother.birthDate', (b, v) => (b.mother.birthDate = v)],
    ['hpht', (b, v) => (b.hpht = v)],
    ['history.lastBirthDate', (b, v) => (b.history.lastBirthDate = v)],
    ['history.marriageDate', (b, v) => (b.history.marriageDate = v)],
  ];

  describe.each(registrationCases)('POST /pregnancies with a bad %s', (field, set) => {
    it.each(NOT_A_CALENDAR_DATE)('%s is a 400 naming the field', async (value) => {
      const body = registrationBody();
      set(body, value);
      const response = await sut.request('POST', '/pregnancies', { token: midwife, body });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    });
  });

  it.each(NOT_A_CALENDAR_DATE)('PATCH /pregnancies/{id} with history.lastBirthDate %s is a 400 naming it', async (value) => {
    const history = { ...registrationBody().history, lastBirthDate: value };
    const response = await sut.request('PATCH', `/pregnancies/${pregnancyId}`, { token: midwife, body: { history } });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['history.lastBirthDate']);
  });

  it.each(NOT_A_CALENDAR_DATE)('POST /pregnancies/{id}/visits with visitDate %s is a 400 naming it', async (value) => {
    const response = await sut.request('POST', `/pregnancies/${pregnancyId}/visits`, {
      token: midwife,
      body: { visitDate: value, dangerSigns: [] },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['visitDate']);
  });

  it.each(NOT_A_DATE_TIME)('POST /pregnancies/{id}/close with closedAt %s is a 400 naming it', async (value) => {
    const response = await sut.request('POST', `/pregnancies/${pregnancyId}/close`, {
      token: midwife,
      body: { outcome: 'moved-away', closedAt: value },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['closedAt']);
  });

  describe.each(['dueFrom', 'dueTo'])('GET /pregnancies?%s=', (field) => {
    it.each(NOT_A_CALENDAR_DATE)('%s is a 400 naming it', async (value) => {
      const response = await sut.request('GET', `/pregnancies?${field}=${encodeURIComponent(value)}`, { token: doctor });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  it('stores a closing time with an offset as its UTC instant', async () => {
    const registered = await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() });
    const anHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    // The same instant as Western Indonesian time (UTC+7), written with its offset.
    const inWib = `${new Date(anHourAgo.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
    const closed = await sut.request('POST', `/pregnancies/${registered.body.id}/close`, {
      token: midwife,
      body: { outcome: 'moved-away', closedAt: inWib },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toBe(anHourAgo.toISOString());
  });

  it('rewrites history dates stored in older forms as calendar dates (migration)', async () => {
    const registered = await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() });
    const id: string = registered.body.id;
    await db.query(
      `UPDATE pregnancy SET history = history || '{"lastBirthDate": "2022-060", "marriageDate": "2019-06"}'::jsonb WHERE id = $1`,
      [id],
    );
    const runner = db.createQueryRunner();
    try {
      await new HistoryCalendarDates1765213100000().up(runner);
    } finally {
      await runner.release();
    }
    const [{ history }] = await db.query<{ history: Record<string, unknown> }[]>(`SELECT history FROM pregnancy WHERE id = $1`, [id]);
    expect(history).toMatchObject({ lastBirthDate: '2022-03-01', marriageDate: null });
  });
});
