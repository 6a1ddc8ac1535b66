import { randomUUID } from 'node:crypto';
import { MessagingLifecycle } from '@siaga/messaging';
import { NOT_A_CALENDAR_DATE, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@alerts/app.module';

/** A visit ten days ahead, written in ISO 8601 forms that are no calendar date (IsISO8601 took them, and the day fits). */
function aheadInOtherForms(): string[] {
  const day = new Date(Date.now() + 10 * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const dayOfYear = Math.floor((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return [`${date.slice(0, 4)}-${String(dayOfYear).padStart(3, '0')}`, date.replaceAll('-', ''), `${date}T08:00:00Z`];
}

describe('alerts: dates at the HTTP edge (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('alerts');
  let sut: ServiceUnderTest;
  let doctor: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    doctor = await tokenFor({ role: 'doctor', hc: randomUUID() });
  });

  afterAll(() => sut.close());

  it.each([...NOT_A_CALENDAR_DATE, ...aheadInOtherForms()])(
    'POST /alerts/{id}/resolve with visitDate %s is a 400 naming it',
    async (value) => {
      const response = await sut.request('POST', `/alerts/${randomUUID()}/resolve`, {
        token: doctor,
        body: { decision: 'schedule-visit', visitDate: value },
      });
      expect(response.status).toBe(400);
      expect((response.body.errors ?? []).map((e: { field: string }) => e.field)).toEqual(['visitDate']);
    },
  );
});
