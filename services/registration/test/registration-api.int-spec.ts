import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS } from '@siaga/contracts';
import { KafkaProbe, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@registration/app.module';
import { OTHER_VILLAGE, SEMPU_VILLAGE, healthCenterId, midwifeId, registrationBody } from './fixtures';

describe('registration API (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  const pregnancyTopic = `${topicPrefix}${TOPICS.pregnancy}`;
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwife: string;
  let otherMidwife: string;
  let doctor: string;
  let otherDoctor: string;
  let escort: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    probe = new KafkaProbe();
    await probe.watch([pregnancyTopic]);
    midwife = await tokenFor({ role: 'midwife', sub: midwifeId, hc: healthCenterId, villages: [SEMPU_VILLAGE] });
    otherMidwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [OTHER_VILLAGE] });
    doctor = await tokenFor({ role: 'doctor', hc: healthCenterId });
    otherDoctor = await tokenFor({ role: 'doctor', hc: randomUUID() });
    escort = await tokenFor({ role: 'escort', responder: randomUUID(), villages: [SEMPU_VILLAGE] });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const register = (body: unknown, token = midwife, headers: Record<string, string> = {}) =>
    sut.request('POST', '/pregnancies', { token, body, headers });

  it('registers a pregnancy and puts a CloudEvent on the pregnancy topic', async () => {
    const body = registrationBody();
    const response = await register(body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'active', hpht: body.hpht, midwifeId, healthCenterId });
    const id: string = response.body.id;

    const [message] = await probe.waitFor((m) => m.key === id);
    expect(message.topic).toBe(pregnancyTopic);
    expect(message.headers).toMatchObject({
      [CE_HEADERS.type]: EVENTS.pregnancyRegistered.type,
      [CE_HEADERS.subject]: id,
      [CE_HEADERS.source]: 'siaga/registration',
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.sequence]: '1',
      [CE_HEADERS.contentType]: 'application/json',
    });
    expect(message.headers[CE_HEADERS.id]).toMatch(/^[0-9a-f-]{36}$/);
    const data = JSON.parse(message.value!);
    expect(data.pregnancy).toMatchObject({ pregnancyId: id, hpht: body.hpht, heightCm: 152 });
    expect(JSON.stringify(data)).not.toContain(body.mother.nik);
  });

  it('records a visit, advances the sequence and lets the doctor of the health center read it', async () => {
    const { body: pregnancy } = await register(registrationBody());
    const visitDate = new Date().toISOString().slice(0, 10);
    const visit = await sut.request('POST', `/pregnancies/${pregnancy.id}/visits`, {
      token: midwife,
      body: { visitDate, systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'], fetalMovement: 'normal' },
    });
    expect(visit.status).toBe(201);
    const [event] = await probe.waitFor((m) => m.key === pregnancy.id && m.headers[CE_HEADERS.type] === EVENTS.visitRecorded.type);
    expect(event.headers[CE_HEADERS.sequence]).toBe('2');
    expect(JSON.parse(event.value!).visit).toMatchObject({ systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] });

    const read = await sut.request('GET', `/pregnancies/${pregnancy.id}/visits`, { token: doctor });
    expect(read.status).toBe(200);
    expect(read.body).toHaveLength(1);
  });

  it('updates history and birth plan, emitting the whole new snapshot', async () => {
    const { body: pregnancy } = await register(registrationBody());
    const history = { ...registrationBody().history, previousCaesarean: true };
    const updated = await sut.request('PATCH', `/pregnancies/${pregnancy.id}`, {
      token: midwife,
      body: {
        history,
        heightCm: 144,
        conditions: ['anaemia'],
        birthPlan: { place: 'RSUD Blambangan', attendant: 'dokter', bloodDonors: ['A', 'B', 'C', 'D'] },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ heightCm: 144, conditions: ['anaemia'], history: { previousCaesarean: true } });
    const [event] = await probe.waitFor((m) => m.key === pregnancy.id && m.headers[CE_HEADERS.type] === EVENTS.pregnancyUpdated.type);
    expect(JSON.parse(event.value!).pregnancy).toMatchObject({
      heightCm: 144,
      conditions: ['anaemia'],
      history: { previousCaesarean: true },
    });
    expect((await sut.request('PATCH', `/pregnancies/${pregnancy.id}`, { token: doctor, body: { heightCm: 150 } })).status).toBe(403);
    expect((await sut.request('PATCH', `/pregnancies/${pregnancy.id}`, { token: midwife, body: { hpht: '2026-01-01' } })).status).toBe(400);
  });

  it('serves more concurrent writes than its connection pool holds (each also writes the access audit)', async () => {
    const { body: pregnancy } = await register(registrationBody());
    const visitDate = new Date().toISOString().slice(0, 10);
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        sut.request('POST', `/pregnancies/${pregnancy.id}/visits`, { token: midwife, body: { visitDate, dangerSigns: [] } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 40 }, () => 201));
  });

  it('writes concurrent visits together, answering and counting each one on its own', async () => {
    const [a, b, closed] = await Promise.all([1, 2, 3].map(async () => (await register(registrationBody())).body.id as string));
    await sut.request('POST', `/pregnancies/${closed}/close`, {
      token: midwife,
      body: { outcome: 'miscarriage', closedAt: new Date().toISOString() },
    });
    const visitDate = new Date().toISOString().slice(0, 10);
    const post = (id: string, token: string, body: object = { visitDate, dangerSigns: [] }) =>
      sut.request('POST', `/pregnancies/${id}/visits`, { token, body });
    const sent = [
      ...Array.from({ length: 6 }, () => [post(a, midwife), 201] as const),
      ...Array.from({ length: 4 }, () => [post(b, midwife), 201] as const),
      [post(a, otherMidwife), 403] as const,
      [post(b, midwife, { visitDate, systolic: 120, diastolic: 130, dangerSigns: [] }), 400] as const,
      [post(closed, midwife), 409] as const,
      [post(randomUUID(), midwife), 404] as const,
      ...Array.from({ length: 4 }, () => [post(b, midwife), 201] as const),
    ];
    const statuses = await Promise.all(sent.map(async ([response]) => (await response).status));
    expect(statuses).toEqual(sent.map(([, status]) => status));

    const dataSource = sut.app.get(DataSource);
    const counts = await dataSource.query(
      `SELECT p.id, p.visit_count AS "visitCount", count(v.id)::int AS visits, count(DISTINCT v.recorded_at)::int AS commits
       FROM pregnancy p LEFT JOIN visit v ON v.pregnancy_id = p.id WHERE p.id = ANY($1) GROUP BY p.id`,
      [[a, b, closed]],
    );
    const byId = Object.fromEntries(counts.map((c: { id: string }) => [c.id, c]));
    expect(byId[a]).toMatchObject({ visitCount: 6, visits: 6 });
    expect(byId[b]).toMatchObject({ visitCount: 8, visits: 8 });
    expect(byId[closed]).toMatchObject({ visitCount: 0, visits: 0 });
    // Visits written in one transaction share their recorded_at: fewer commits than visits means they were grouped.
    expect(byId[a].commits + byId[b].commits).toBeLessThan(14);

    const events = await probe.waitFor((m) => m.key === b && m.headers[CE_HEADERS.type] === EVENTS.visitRecorded.type, 8);
    expect(events.map((e) => Number(e.headers[CE_HEADERS.sequence])).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const [{ denied }] = await dataSource.query(
      `SELECT count(*)::int AS denied FROM access_audit WHERE pregnancy_id = $1 AND action = 'visit.create' AND outcome = 'denied'`,
      [a],
    );
    expect(denied).toBe(1);
  });

  describe('bad input', () => {
    it('names the offending field with RFC 9457 problem details', async () => {
      const body = registrationBody();
      body.history.gravida = 0;
      const response = await register(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'history.gravida' })]));
    });

    it('rejects unknown fields', async () => {
      const response = await register({ ...registrationBody(), bloodType: 'O' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'bloodType' })]);
    });

    it('rejects a NIK whose birth digits contradict the birth date', async () => {
      const response = await register(registrationBody({ birthDate: '1995-02-03', nik: '3510204305960001' }));
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('mother.nik');
    });

    it('rejects implausible vital signs and dates, writing nothing', async () => {
      const { body: pregnancy } = await register(registrationBody());
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const cases = [
        [{ visitDate: new Date().toISOString().slice(0, 10), systolic: 400, dangerSigns: [] }, 'systolic'],
        [{ visitDate: future, dangerSigns: [] }, 'visitDate'],
        [{ visitDate: '2001-01-01', dangerSigns: [] }, 'visitDate'],
      ] as const;
      for (const [body, field] of cases) {
        const response = await sut.request('POST', `/pregnancies/${pregnancy.id}/visits`, { token: midwife, body });
        expect(response.status).toBe(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const visits = await sut.request('GET', `/pregnancies/${pregnancy.id}/visits`, { token: midwife });
      expect(visits.body).toEqual([]);
    });

    it('answers malformed JSON with a problem document', async () => {
      const response = await sut.request('POST', '/pregnancies', { token: midwife, body: '{"mother": ' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('access', () => {
    it('is 401 without a token, with a forged one, and with an expired one', async () => {
      expect((await sut.request('GET', '/pregnancies')).status).toBe(401);
      const forged = await tokenFor({ role: 'midwife', villages: [SEMPU_VILLAGE] }, { secret: 'x'.repeat(40) });
      expect((await sut.request('GET', '/pregnancies', { token: forged })).status).toBe(401);
      const expired = await tokenFor({ role: 'midwife', villages: [SEMPU_VILLAGE] }, { expiresIn: '-1m' });
      expect((await sut.request('GET', '/pregnancies', { token: expired })).status).toBe(401);
    });

    it('is 403 outside the caller’s scope, and every decision is in the access audit', async () => {
      const { body: pregnancy } = await register(registrationBody());
      expect((await sut.request('GET', `/pregnancies/${pregnancy.id}`, { token: otherMidwife })).status).toBe(403);
      expect((await sut.request('GET', `/pregnancies/${pregnancy.id}`, { token: otherDoctor })).status).toBe(403);
      expect((await sut.request('GET', `/pregnancies/${pregnancy.id}`, { token: escort })).status).toBe(403);
      expect((await register(registrationBody({ villageCode: OTHER_VILLAGE }))).status).toBe(403);
      expect((await sut.request('GET', `/pregnancies/${pregnancy.id}`, { token: doctor })).status).toBe(200);

      const district = await tokenFor({ role: 'district' });
      const log = await sut.request('GET', `/pregnancies/${pregnancy.id}/access-log`, { token: district });
      expect(log.status).toBe(200);
      const outcomes = log.body.map((e: { role: string; outcome: string }) => `${e.role}:${e.outcome}`);
      expect(outcomes).toEqual(
        expect.arrayContaining(['midwife:allowed', 'midwife:denied', 'doctor:denied', 'doctor:allowed', 'escort:denied']),
      );
    });

    it('keeps the access audit append-only', async () => {
      const dataSource = sut.app.get(DataSource);
      await expect(dataSource.query('DELETE FROM access_audit')).rejects.toThrow(/append-only/);
    });
  });

  describe('one active pregnancy per woman', () => {
    it('answers a second registration with 409 naming the existing pregnancy', async () => {
      const body = registrationBody();
      const first = await register(body);
      const second = await register({ ...body, hpht: body.hpht });
      expect(second.status).toBe(409);
      expect(second.body.existingPregnancyId).toBe(first.body.id);
    });

    it('tells a midwife of another place only that she is registered elsewhere, no record id, and audits the attempt on her record', async () => {
      const body = registrationBody();
      const first = await register(body);
      expect(first.status).toBe(201);
      const otherMidwifeId = randomUUID();
      const elsewhere = {
        ...body,
        mother: { ...body.mother, address: { ...body.mother.address, villageCode: OTHER_VILLAGE, villageName: 'Jambewangi' } },
      };
      const probing = await register(
        elsewhere,
        await tokenFor({ role: 'midwife', sub: otherMidwifeId, hc: healthCenterId, villages: [OTHER_VILLAGE] }),
      );
      expect(probing.status).toBe(409);
      expect(probing.body.code).toBe('pregnancy-already-active');
      expect(probing.body).not.toHaveProperty('existingPregnancyId');
      expect(JSON.stringify(probing.body)).not.toContain(first.body.id);

      const log = await sut.request('GET', `/pregnancies/${first.body.id}/access-log`, { token: await tokenFor({ role: 'district' }) });
      expect(log.body).toContainEqual(
        expect.objectContaining({
          userId: otherMidwifeId,
          action: 'pregnancy.create',
          outcome: 'denied',
          requestId: probing.headers.get('x-request-id'),
        }),
      );
    });

    it('allows a new pregnancy once the previous one is closed', async () => {
      const body = registrationBody();
      const first = await register(body);
      const closed = await sut.request('POST', `/pregnancies/${first.body.id}/close`, {
        token: midwife,
        body: { outcome: 'miscarriage', closedAt: new Date().toISOString() },
      });
      expect(closed.status).toBe(200);
      expect((await register(body)).status).toBe(201);
    });
  });

  describe('her identity over several pregnancies', () => {
    it('keeps what a closed pregnancy recorded when another place registers her NIK again; each change is a new, audited version', async () => {
      const body = registrationBody();
      const first = await register(body);
      expect(first.status).toBe(201);
      const closing = { outcome: 'delivered', closedAt: new Date().toISOString() };
      expect((await sut.request('POST', `/pregnancies/${first.body.id}/close`, { token: midwife, body: closing })).status).toBe(200);

      // She moved and married: another village registers her next pregnancy under a new name.
      const otherMidwifeId = randomUUID();
      const other = await tokenFor({ role: 'midwife', sub: otherMidwifeId, hc: healthCenterId, villages: [OTHER_VILLAGE] });
      const address = { ...body.mother.address, street: 'Dusun Baru RT 02', villageCode: OTHER_VILLAGE, villageName: 'Jambewangi' };
      const second = await register({ ...body, mother: { ...body.mother, name: 'Ibu Baru', phone: '+6281299990000', address } }, other);
      expect(second.status).toBe(201);
      const closedRecord = {
        name: 'Ibu Contoh',
        phone: '+6281200000001',
        address: { street: 'Dusun Krajan RT 01', villageCode: SEMPU_VILLAGE, villageName: 'Sempu' },
      };
      expect((await sut.request('GET', `/pregnancies/${first.body.id}`, { token: midwife })).body.mother).toMatchObject(closedRecord);
      expect(second.body.mother).toMatchObject({ id: first.body.mother.id, name: 'Ibu Baru', identityVersion: 2 });
      // Correcting her phone on the active record is a version too.
      const corrected = await sut.request('PATCH', `/pregnancies/${second.body.id}`, { token: other, body: { phone: '0812-9999-1111' } });
      expect(corrected.status).toBe(200);
      expect(corrected.body.mother).toMatchObject({ name: 'Ibu Baru', phone: '0812-9999-1111', identityVersion: 3 });

      // The closed pregnancy still shows her as it recorded her, in the record and the caseload.
      const closed = await sut.request('GET', `/pregnancies/${first.body.id}`, { token: midwife });
      expect(closed.body.mother).toEqual({ ...first.body.mother, nikDistrictUnverified: closed.body.mother.nikDistrictUnverified });
      expect(closed.body.mother).toMatchObject({
        name: 'Ibu Contoh',
        phone: '+6281200000001',
        address: { villageCode: SEMPU_VILLAGE },
        identityVersion: 1,
      });
      const caseload = await sut.request('GET', '/pregnancies?status=closed&limit=100', { token: midwife });
      expect(caseload.body.items.find((i: { id: string }) => i.id === first.body.id)).toMatchObject({
        motherName: 'Ibu Contoh',
        villageName: 'Sempu',
      });

      // Every version is kept, with who stated it and through which pregnancy; none can be rewritten.
      const db = sut.app.get(DataSource);
      const versions = await db.query(
        'SELECT version, name, recorded_by, pregnancy_id FROM mother_identity WHERE mother_id = $1 ORDER BY version',
        [first.body.mother.id],
      );
      expect(versions).toEqual([
        { version: 1, name: 'Ibu Contoh', recorded_by: midwifeId, pregnancy_id: first.body.id },
        { version: 2, name: 'Ibu Baru', recorded_by: otherMidwifeId, pregnancy_id: second.body.id },
        { version: 3, name: 'Ibu Baru', recorded_by: otherMidwifeId, pregnancy_id: second.body.id },
      ]);
      await expect(db.query(`UPDATE mother_identity SET name = 'x' WHERE mother_id = $1`, [first.body.mother.id])).rejects.toThrow(
        /append-only/,
      );
      const log = await sut.request('GET', `/pregnancies/${second.body.id}/access-log`, { token: await tokenFor({ role: 'district' }) });
      const changes = log.body.filter((e: { action: string }) => e.action === 'mother.identity.change');
      expect(changes.map((e: { userId: string; reason: string }) => [e.userId, e.reason]).sort()).toEqual([
        [otherMidwifeId, 'identity version 2: name, phone, street, villageCode, villageName'],
        [otherMidwifeId, 'identity version 3: phone'],
      ]);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first result for a retry and creates nothing twice', async () => {
      const body = registrationBody();
      const key = randomUUID();
      const [a, b] = await Promise.all([
        register(body, midwife, { 'idempotency-key': key }),
        register(body, midwife, { 'idempotency-key': key }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).toBe(b.body.id);
      const again = await register(body, midwife, { 'idempotency-key': key });
      expect(again.body.id).toBe(a.body.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const dataSource = sut.app.get(DataSource);
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM pregnancy WHERE id = $1', [a.body.id]);
      expect(count).toBe(1);
      await probe.waitFor((m) => m.key === a.body.id);
      await new Promise((r) => setTimeout(r, 500));
      expect(probe.messages.filter((m) => m.key === a.body.id)).toHaveLength(1);
    });

    it('answers a replay only to a caller who may read the result now, and audits it like any read', async () => {
      const body = registrationBody();
      const key = randomUUID();
      const first = await register(body, midwife, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const accessLog = async () =>
        (await sut.request('GET', `/pregnancies/${first.body.id}/access-log`, { token: await tokenFor({ role: 'district' }) })).body as {
          userId: string;
          action: string;
          outcome: string;
          requestId: string;
        }[];

      // The same user, her token narrowed to another village since: no record, and the refusal is on her record's log.
      const narrowed = await tokenFor({ role: 'midwife', sub: midwifeId, hc: healthCenterId, villages: [OTHER_VILLAGE] });
      const refused = await register(body, narrowed, { 'idempotency-key': key });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain(body.mother.nik);
      expect(JSON.stringify(refused.body)).not.toContain(first.body.id);
      expect(await accessLog()).toContainEqual(
        expect.objectContaining({ userId: midwifeId, outcome: 'denied', requestId: refused.headers.get('x-request-id') }),
      );

      // Her own village still: the first answer again, recorded as a read.
      const replayed = await register(body, midwife, { 'idempotency-key': key });
      expect(replayed.status).toBe(201);
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(replayed.body.id).toBe(first.body.id);
      expect(await accessLog()).toContainEqual(
        expect.objectContaining({
          userId: midwifeId,
          action: 'pregnancy.read',
          outcome: 'allowed',
          requestId: replayed.headers.get('x-request-id'),
        }),
      );
    });

    it('is 422 when the same key comes with another body', async () => {
      const key = randomUUID();
      expect((await register(registrationBody(), midwife, { 'idempotency-key': key })).status).toBe(201);
      const reused = await register(registrationBody(), midwife, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
    });
  });
});
