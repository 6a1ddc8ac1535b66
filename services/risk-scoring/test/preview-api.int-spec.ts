import { randomUUID } from 'node:crypto';
import { MessagingLifecycle } from '@siaga/messaging';
import { aPreviewPregnancy, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@risk-scoring/app.module';
import { SEMPU_VILLAGE, healthCenterId } from './fixtures';

/** A what-if as a trainer would post it: no ids, no names; the woman of the emergency-visit example. */
const aPreview = () => ({
  pregnancy: aPreviewPregnancy(),
  visits: [{ visitDate: '2026-05-20', systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] }],
  asOf: '2026-06-01',
});

describe('assessment preview API (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('risk-scoring');
  let sut: ServiceUnderTest;
  let midwife: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    // The service starts its consumers even though this file produces nothing: let them finish before closing.
    await sut.app.get(MessagingLifecycle).consumersStarted;
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  });

  afterAll(() => sut.close());

  const preview = (body: unknown, token: string | null = midwife) =>
    sut.request('POST', '/assessments/preview', { token: token ?? undefined, body });
  const fields = (body: { errors?: { field: string }[] }): string[] => (body.errors ?? []).map((e) => e.field);

  it('scores the posted facts and stores nothing', async () => {
    const response = await preview(aPreview());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      score: 10,
      category: 'KRT',
      hasEmergency: true,
      ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
      asOf: '2026-06-01T00:00:00.000Z',
      gestationalAgeWeeks: 21,
    });
    expect(response.body.emergencies.map((e: { ruleId: string }) => e.ruleId)).toEqual(
      expect.arrayContaining(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']),
    );
    expect(response.body.factors.find((f: { ruleId: string }) => f.ruleId === 'KSPR-20')).toMatchObject({ status: 'present', points: 8 });

    const db = sut.app.get(DataSource);
    const [stored] = await db.query<{ assessments: number; outbox: number; facts: number }[]>(
      `SELECT (SELECT count(*)::int FROM assessment) AS assessments, (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM pregnancy_facts) AS facts`,
    );
    expect(stored).toEqual({ assessments: 0, outbox: 0, facts: 0 });
  });

  it('lets a doctor and district staff (training) preview too', async () => {
    for (const token of [await tokenFor({ role: 'doctor', hc: healthCenterId }), await tokenFor({ role: 'district' })]) {
      expect((await preview(aPreview(), token)).status).toBe(200);
    }
  });

  it('is 401 without a token and 403 for roles that do not score', async () => {
    expect((await preview(aPreview(), null)).status).toBe(401);
    const escort = await tokenFor({ role: 'escort', responder: randomUUID() });
    expect((await preview(aPreview(), escort)).status).toBe(403);
  });

  it('names every invalid field with RFC 9457 problem details', async () => {
    const body = aPreview();
    body.pregnancy.history.gravida = 0;
    body.visits[0].systolic = 400;
    const response = await preview(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(fields(response.body)).toEqual(expect.arrayContaining(['pregnancy.history.gravida', 'visits.0.systolic']));
  });

  it('rejects unknown fields, including the identity a preview must not carry', async () => {
    const withId = aPreview();
    const response = await preview({ ...withId, pregnancy: { ...withId.pregnancy, pregnancyId: randomUUID() }, bloodType: 'O' });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(expect.arrayContaining(['pregnancy.pregnancyId', 'bloodType']));
  });

  it('requires the pregnancy facts and a visits array', async () => {
    const response = await preview({ asOf: '2026-06-01' });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(expect.arrayContaining(['pregnancy', 'visits']));
  });

  it('refuses facts no real record can have, naming the field', async () => {
    const body = aPreview();
    body.visits[0].visitDate = '2025-12-01';
    const response = await preview(body);
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['visits.0.visitDate']);
  });

  it('is described in the OpenAPI document', async () => {
    const docs = await sut.request('GET', '/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/assessments/preview',
        '/pregnancies/{pregnancyId}/assessment',
        '/pregnancies/{pregnancyId}/assessments',
        '/admin/rescore',
      ]),
    );
  });
});
