import { randomUUID } from 'node:crypto';
import { TOPICS } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@registration/app.module';
import { assessmentMessage } from './assessment-events';
import { OTHER_VILLAGE, SEMPU_VILLAGE, registrationBody } from './fixtures';

describe('caseload', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  const hc = randomUUID();
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwifeBoth: string;
  let midwifeSempu: string;
  let doctor: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    probe = new KafkaProbe();
    midwifeBoth = await tokenFor({ role: 'midwife', hc, villages: [SEMPU_VILLAGE, OTHER_VILLAGE] });
    midwifeSempu = await tokenFor({ role: 'midwife', hc, villages: [SEMPU_VILLAGE] });
    doctor = await tokenFor({ role: 'doctor', hc });
    // 5 women: hpht 30, 60, 90, 120, 150 days ago; two in the other village.
    for (const [name, days, village] of [
      ['a', 30, SEMPU_VILLAGE],
      ['b', 60, OTHER_VILLAGE],
      ['c', 90, SEMPU_VILLAGE],
      ['d', 120, OTHER_VILLAGE],
      ['e', 150, SEMPU_VILLAGE],
    ] as const) {
      const response = await sut.request('POST', '/pregnancies', {
        token: midwifeBoth,
        body: registrationBody({ hphtDaysAgo: days, villageCode: village }),
      });
      expect(response.status).toBe(201);
      ids[name] = response.body.id;
    }
    // e (21w) was seen at 7w: that was contact 1, contact 2 is overdue only from 22w0d. d (17w) has had no contact: overdue.
    const earlyVisit = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const visit = await sut.request('POST', `/pregnancies/${ids.e}/visits`, {
      token: midwifeBoth,
      body: { visitDate: earlyVisit, dangerSigns: [] },
    });
    expect(visit.status).toBe(201);
    await probe.send(`${topicPrefix}${TOPICS.assessment}`, [assessmentMessage(ids.c, 1, 'KRST', 12)]);
    await eventually(async () => {
      const r = await sut.request('GET', `/pregnancies?category=KRST`, { token: doctor });
      expect(r.body.items).toHaveLength(1);
    });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const list = async (token: string, query: string) => {
    const response = await sut.request('GET', `/pregnancies?${query}`, { token });
    expect(response.status).toBe(200);
    return response.body as {
      items: { id: string; motherName: string; overdue: boolean; riskCategory: string | null }[];
      nextCursor: string | null;
    };
  };

  it('shows a midwife only her villages and a doctor her whole health center, soonest due first', async () => {
    expect((await list(midwifeSempu, '')).items.map((i) => i.id)).toEqual([ids.e, ids.c, ids.a]);
    expect((await list(doctor, '')).items.map((i) => i.id)).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
  });

  it.each([
    ['doctor (one health center)', () => doctor],
    ['midwife (two villages merged)', () => midwifeBoth],
  ])('pages with a cursor without repeating or skipping anyone: %s', async (_, token) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(token(), `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
  });

  it('filters by village, risk category, due-date window and overdue', async () => {
    expect((await list(midwifeBoth, `village=${OTHER_VILLAGE}`)).items.map((i) => i.id)).toEqual([ids.d, ids.b]);
    expect((await list(doctor, 'category=KRST')).items.map((i) => i.id)).toEqual([ids.c]);
    const hplOf = (daysAgo: number) => new Date(Date.now() + (280 - daysAgo) * 86_400_000).toISOString().slice(0, 10);
    expect((await list(doctor, `dueFrom=${hplOf(95)}&dueTo=${hplOf(55)}`)).items.map((i) => i.id)).toEqual([ids.c, ids.b]);
    expect((await list(doctor, 'overdue=true')).items.map((i) => i.id)).toEqual([ids.d]);
    const onTime = (await list(doctor, 'overdue=false')).items;
    expect(onTime.map((i) => i.id)).toEqual([ids.e, ids.c, ids.b, ids.a]);
    expect(onTime.every((i) => !i.overdue)).toBe(true);
  });

  it.each([
    ['registeredAt', ['not a time', randomUUID()]],
    ['hpl', ['2026-02-30', randomUUID()]],
    ['hpl', ['caseload.registeredAt', '2026-06-01T00:00:00.000000Z', randomUUID()]],
    ['registeredAt', ['caseload.registeredAt', '2026-06-01', randomUUID()]],
    ['nextVisitDue', ['caseload.nextVisitDue', 'forever', randomUUID()]],
  ])('refuses an edited cursor (sort %s, %j) with a 400 naming cursor', async (sort, values) => {
    const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
    const response = await sut.request('GET', `/pregnancies?sort=${sort}&cursor=${cursor}`, { token: doctor });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('cursor');
  });

  it('refuses a village that is not the midwife’s, a bad cursor, and unknown filters', async () => {
    expect((await sut.request('GET', `/pregnancies?village=${OTHER_VILLAGE}`, { token: midwifeSempu })).status).toBe(403);
    const badCursor = await sut.request('GET', '/pregnancies?cursor=nonsense', { token: doctor });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const unknown = await sut.request('GET', '/pregnancies?colour=red', { token: doctor });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('colour');
  });
});
