import { randomUUID } from 'node:crypto';
import { TransactionContext } from '@siaga/persistence';
import { isolateTestFile, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import type { DataSource } from 'typeorm';
import { RegistryRepository } from '@referral/registry/registry.repository';
import { DEMO_FACILITIES, DEMO_IDS, DEMO_RESPONDERS, DEMO_VILLAGES } from '@referral/seed/demo-regency';
import { seedDemoRegency } from '@referral/seed/demo-seeder';
import { startReferral, tokens } from './fixtures';

describe('registry of facilities and responders (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('referral');
  let sut: ServiceUnderTest & { db: DataSource };
  let admin: string;

  beforeAll(async () => {
    sut = await startReferral(schema);
    admin = await tokens.admin();
  });

  afterAll(async () => {
    await sut.close();
  });

  const hospital = {
    kind: 'hospital',
    name: 'RS Contoh Licin (test)',
    address: 'Jl. Contoh No. 9',
    villageCode: '35.10.24.2001',
    latitude: -8.2,
    longitude: 114.25,
    phone: '+62 800-0000-0999',
    capabilities: ['obstetrician', 'ponek'],
    servedAreas: ['35.10.24', '35.10.15.2004'],
  };

  it('loads the demo regency idempotently, with the demo ids the printed tokens name', async () => {
    const again = await seedDemoRegency(sut.app.get(RegistryRepository), sut.app.get(TransactionContext));
    expect(again).toEqual({ villages: DEMO_VILLAGES.length, facilities: DEMO_FACILITIES.length, responders: DEMO_RESPONDERS.length });
    const [counts] = await sut.db.query<{ f: number; r: number; v: number }[]>(
      `SELECT (SELECT count(*)::int FROM facility) AS f, (SELECT count(*)::int FROM responder) AS r, (SELECT count(*)::int FROM village) AS v`,
    );
    expect(counts).toEqual({ f: DEMO_FACILITIES.length, r: DEMO_RESPONDERS.length, v: DEMO_VILLAGES.length });
    const demoHospital = await sut.request('GET', `/facilities/${DEMO_IDS.hospital}`, { token: await tokens.hospital(DEMO_IDS.hospital) });
    expect(demoHospital.body).toMatchObject({
      kind: 'hospital',
      name: 'RSUD Demo Banyuwangi',
      capabilities: expect.arrayContaining(['ponek']),
    });
    const me = await sut.request('GET', '/responders/me', { token: await tokens.escort(DEMO_IDS.responder) });
    expect(me.body).toMatchObject({ name: 'Polsek Sempu (demo)', onDuty: true, villageCodes: expect.arrayContaining(['35.10.20.2001']) });
    const hospitals = await sut.request('GET', '/facilities?kind=hospital', { token: await tokens.midwife() });
    expect(hospitals.body.map((f: { name: string }) => f.name)).toEqual(['RS Demo Kota', 'RS Demo Rogojampi', 'RSUD Demo Banyuwangi']);
  });

  it('lets an admin register and replace a hospital, and nobody else', async () => {
    const created = await sut.request('POST', '/facilities', { token: admin, body: hospital });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...hospital, active: true });
    const id: string = created.body.id;
    const replaced = await sut.request('PUT', `/facilities/${id}`, {
      token: admin,
      body: { ...hospital, capabilities: ['obstetrician'], active: false },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, capabilities: ['obstetrician'], active: false });
    // Inactive facilities are listed for admins only.
    expect((await sut.request('GET', '/facilities', { token: admin })).body.map((f: { id: string }) => f.id)).toContain(id);
    expect(
      (await sut.request('GET', '/facilities', { token: await tokens.district() })).body.map((f: { id: string }) => f.id),
    ).not.toContain(id);

    for (const token of [await tokens.district(), await tokens.midwife(), await tokens.hospital(id), await tokens.escort(randomUUID())]) {
      expect((await sut.request('POST', '/facilities', { token, body: hospital })).status).toBe(403);
    }
    expect((await sut.request('GET', '/facilities', { token: await tokens.escort(randomUUID()) })).status).toBe(403);
    const audit = await sut.db.query<{ action: string; outcome: string }[]>(
      `SELECT action, outcome FROM access_audit WHERE action IN ('facility.create', 'facility.update')`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['facility.create', 'facility.update']);
  });

  it('names the field of a bad registry entry', async () => {
    const bad = await sut.request('POST', '/facilities', {
      token: admin,
      body: { ...hospital, capabilities: ['helipad'], servedAreas: ['Licin'], latitude: 200 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['capabilities', 'latitude', 'servedAreas']);
    const halfGps = await sut.request('POST', '/facilities', { token: admin, body: { ...hospital, longitude: undefined } });
    expect(halfGps.status).toBe(400);
  });

  it('lets an admin manage responders, the district read them, and a responder go on and off duty', async () => {
    const id = randomUUID();
    const put = await sut.request('PUT', `/responders/${id}`, {
      token: admin,
      body: { kind: 'village-ambulance', name: 'Ambulans Desa Contoh (test)', phone: '+62 800-0000-0888', villageCodes: ['35.10.24.2001'] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, onDuty: false, active: true, villageCodes: ['35.10.24.2001'] });
    const listed = await sut.request('GET', '/responders?village=35.10.24.2001', { token: await tokens.district() });
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await sut.request('GET', '/responders', { token: await tokens.midwife() })).status).toBe(403);

    const escort = await tokens.escort(id);
    const on = await sut.request('PUT', '/responders/me/duty', {
      token: escort,
      body: { onDuty: true, latitude: -8.21, longitude: 114.26 },
    });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ id, onDuty: true, latitude: -8.21, longitude: 114.26 });
    const off = await sut.request('PUT', '/responders/me/duty', { token: escort, body: { onDuty: false } });
    expect(off.body).toMatchObject({ onDuty: false, latitude: -8.21 });
    expect(
      (await sut.request('PUT', '/responders/me/duty', { token: await tokens.escort(randomUUID()), body: { onDuty: true } })).status,
    ).toBe(404);
    expect((await sut.request('PUT', `/responders/${id}`, { token: escort, body: put.body })).status).toBe(403);
  });

  it("enrols an escort account made in the identity provider on its first call, from its token's claims", async () => {
    const responderId = randomUUID();
    const newVolunteer = await tokenFor({
      role: 'escort',
      name: 'Pak Slamet (relawan)',
      responder: responderId,
      responder_kind: 'volunteer',
      organisation: 'Laskar SAKINA',
      phone_number: '+62 812-0000-0001',
      villages: ['35.10.24.2001'],
    });
    expect((await sut.request('GET', `/responders/${responderId}`, { token: admin })).status).toBe(404);

    const me = await sut.request('GET', '/responders/me', { token: newVolunteer });

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: responderId,
      kind: 'volunteer',
      name: 'Pak Slamet (relawan)',
      organisation: 'Laskar SAKINA',
      phone: '+62 812-0000-0001',
      villageCodes: ['35.10.24.2001'],
      onDuty: false,
    });
    const on = await sut.request('PUT', '/responders/me/duty', { token: newVolunteer, body: { onDuty: true } });
    expect(on.body).toMatchObject({ id: responderId, onDuty: true });
    const listed = await sut.request('GET', '/responders?village=35.10.24.2001', { token: await tokens.district() });
    expect(listed.body).toContainEqual(expect.objectContaining({ id: responderId, onDuty: true }));
  });

  it('enrols on a first duty call too, and never twice nor over what an admin registered', async () => {
    const responderId = randomUUID();
    const claims = { role: 'escort' as const, name: 'Bripka Dwi', responder: responderId, responder_kind: 'police-officer' };
    const first = await sut.request('PUT', '/responders/me/duty', { token: await tokenFor(claims), body: { onDuty: true } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: responderId, kind: 'police-officer', name: 'Bripka Dwi', onDuty: true });

    const renamed = await sut.request('GET', '/responders/me', { token: await tokenFor({ ...claims, name: 'Another name' }) });

    expect(renamed.body).toMatchObject({ id: responderId, name: 'Bripka Dwi', onDuty: true });
  });

  it('keeps village centres for pickups without GPS', async () => {
    const put = await sut.request('PUT', '/villages/35.10.24.2001', {
      token: admin,
      body: { name: 'Licin', districtName: 'Licin', latitude: -8.19, longitude: 114.27 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      code: '35.10.24.2001',
      name: 'Licin',
      districtCode: '35.10.24',
      districtName: 'Licin',
      latitude: -8.19,
      longitude: 114.27,
    });
    expect((await sut.request('PUT', '/villages/licin', { token: admin, body: { name: 'Licin', districtName: 'Licin' } })).status).toBe(
      400,
    );
    const list = await sut.request('GET', '/villages?district=35.10.24', { token: await tokens.doctor() });
    expect(list.body).toHaveLength(1);
  });
});
