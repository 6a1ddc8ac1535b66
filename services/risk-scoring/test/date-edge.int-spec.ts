import { MessagingLifecycle } from '@siaga/messaging';
import { NOT_A_CALENDAR_DATE, aPreviewPregnancy, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@risk-scoring/app.module';
import { SEMPU_VILLAGE, healthCenterId } from './fixtures';

const aPreview = () => ({
  pregnancy: aPreviewPregnancy(),
  visits: [{ visitDate: '2026-05-20', systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] }],
  asOf: '2026-06-01',
});
type Preview = ReturnType<typeof aPreview>;

describe('risk scoring: dates at the HTTP edge (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('risk-scoring');
  let sut: ServiceUnderTest;
  let midwife: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  });

  afterAll(() => sut.close());

  const cases: [field: string, set: (body: Preview, value: string) => void][] = [
    ['pregnancy.motherBirthDate', (b, v) => (b.pregnancy.motherBirthDate = v)],
    ['pregnancy.hpht', (b, v) => (b.pregnancy.hpht = v)],
    ['pregnancy.history.lastBirthDate', (b, v) => (b.pregnancy.history.lastBirthDate = v)],
    ['pregnancy.history.marriageDate', (b, v) => (b.pregnancy.history.marriageDate = v)],
    ['visits.0.visitDate', (b, v) => (b.visits[0].visitDate = v)],
  ];

  describe.each(cases)('POST /assessments/preview with a bad %s', (field, set) => {
    it.each(NOT_A_CALENDAR_DATE)('%s is a 400 naming the field', async (value) => {
      const body = aPreview();
      set(body, value);
      const response = await sut.request('POST', '/assessments/preview', { token: midwife, body });
      expect(response.status).toBe(400);
      expect((response.body.errors ?? []).map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  // asOf takes a day or an instant: only what is neither is refused.
  it.each(['2026-06', '2026-W40', '2026-300', '2026-100', '2026-06-01T08:30:00', '0000-01-01'])(
    'asOf %s is a 400 naming it',
    async (value) => {
      const response = await sut.request('POST', '/assessments/preview', { token: midwife, body: { ...aPreview(), asOf: value } });
      expect(response.status).toBe(400);
      expect((response.body.errors ?? []).map((e: { field: string }) => e.field)).toEqual(['asOf']);
    },
  );

  it('takes asOf as a day or as an instant with an offset', async () => {
    for (const asOf of ['2026-06-01', '2026-06-01T07:00:00+07:00']) {
      const response = await sut.request('POST', '/assessments/preview', { token: midwife, body: { ...aPreview(), asOf } });
      expect(response.status).toBe(200);
      expect(response.body.asOf).toBe('2026-06-01T00:00:00.000Z');
    }
  });
});
