import { randomUUID } from 'node:crypto';
import { ACCESS_AUDIT_TABLE_UP, AccessAudit, type AccessRecord } from '@siaga/auth';
import { isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource } from 'typeorm';

/** The audit groups concurrent requests' records into one write; each caller still learns of its own record. */
describe('access audit', () => {
  const { schema } = isolateTestFile('auth');
  let dataSource: DataSource;
  let sut: AccessAudit;

  const visitBy = (requestId: string, pregnancyId: string = randomUUID()): AccessRecord => ({
    actor: { userId: 'midwife-1', role: 'midwife', healthCenterId: randomUUID(), villageCodes: ['35.10.20.2001'], requestId },
    action: 'visit.create',
    pregnancyId,
    outcome: 'allowed',
  });
  const rowsOf = async (requestId: string): Promise<number> =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM access_audit WHERE request_id = $1`, [requestId]))[0].n;

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, ACCESS_AUDIT_TABLE_UP);
    sut = new AccessAudit(dataSource);
  });

  afterAll(async () => {
    await sut.onModuleDestroy();
    await dataSource.destroy();
  });

  it('has each record committed when its caller’s promise resolves, with 200 requests at once', async () => {
    const requests = Array.from({ length: 200 }, () => randomUUID());
    const seenOnResolve = await Promise.all(
      requests.map(async (requestId) => {
        await sut.record(visitBy(requestId));
        return rowsOf(requestId);
      }),
    );
    expect(seenOnResolve).toEqual(requests.map(() => 1));
  });

  it('fails only the caller whose record cannot be written, not the others grouped with it', async () => {
    const [first, good, bad, alsoGood] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // The first call starts a write; the next three queue behind it and go out together.
    const outcomes = await Promise.allSettled([
      sut.record(visitBy(first)),
      sut.record(visitBy(good)),
      sut.record(visitBy(bad, 'not-a-uuid')),
      sut.record(visitBy(alsoGood)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await Promise.all([first, good, bad, alsoGood].map(rowsOf))).toEqual([1, 1, 0, 1]);
  });
});
