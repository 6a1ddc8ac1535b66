import { randomUUID } from 'node:crypto';
import { ACCESS_AUDIT_RESOURCE_UP, ACCESS_AUDIT_TABLE_UP, AccessAudit, type AccessRecord } from '@siaga/auth';
import { MESSAGING_MIGRATIONS, MESSAGING_TABLES_UP, OutboxWriter, messagingConfigFromEnv } from '@siaga/messaging';
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
    dataSource = await openTestDataSource(schema, ACCESS_AUDIT_TABLE_UP, ACCESS_AUDIT_RESOURCE_UP, MESSAGING_TABLES_UP);
    for (const Migration of MESSAGING_MIGRATIONS) await dataSource.transaction((m) => new Migration().up(m.queryRunner!));
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

  describe('published as events (a service other than registration)', () => {
    const outbox = new OutboxWriter({ ...messagingConfigFromEnv('auth-test'), validateOutgoing: true });
    let publishing: AccessAudit;
    const eventsOf = async (requestId: string): Promise<{ subject: string; type: string; payload: Record<string, unknown> }[]> =>
      dataSource.query(`SELECT subject, type, payload FROM outbox WHERE payload->>'requestId' = $1 ORDER BY position`, [requestId]);

    beforeAll(() => {
      publishing = new AccessAudit(dataSource, { service: 'alerts', event: 'alertsAccessRecorded' }, outbox);
    });

    afterAll(() => publishing.onModuleDestroy());

    it('writes one event per record naming a pregnancy, in the audit’s own commit, with who, scope and outcome only', async () => {
      const [requestId, pregnancyId] = [randomUUID(), randomUUID()];
      const read = { ...visitBy(requestId, pregnancyId), action: 'alert.read' };
      await publishing.record(read, { ...read, pregnancyId: null, action: 'alert.list' });

      expect(await rowsOf(requestId)).toBe(2);
      const events = await eventsOf(requestId);
      expect(events).toHaveLength(1);
      expect(events[0].subject).toBe(pregnancyId);
      expect(events[0].type).toBe('id.siaga.alerts.access-recorded.v1');
      expect(events[0].payload).toEqual({
        service: 'alerts',
        at: expect.any(String),
        userId: 'midwife-1',
        role: 'midwife',
        scope: { healthCenterId: read.actor.healthCenterId, villageCodes: ['35.10.20.2001'], facilityId: null, responderId: null },
        action: 'alert.read',
        pregnancyId,
        resource: null,
        outcome: 'allowed',
        reason: null,
        requestId,
      });
      const [{ at }] = await dataSource.query(`SELECT at FROM access_audit WHERE request_id = $1 AND pregnancy_id = $2`, [
        requestId,
        pregnancyId,
      ]);
      expect(new Date(events[0].payload.at as string).getTime()).toBe((at as Date).getTime());
    });

    it('keeps neither the record nor its event when the event cannot be written', async () => {
      const requestId = randomUUID();
      const tooLongAction = { ...visitBy(requestId), action: 'x'.repeat(201) }; // beyond the contract's 200
      await expect(publishing.record(tooLongAction)).rejects.toThrow();
      expect(await rowsOf(requestId)).toBe(0);
      expect(await eventsOf(requestId)).toEqual([]);
    });

    it('publishes no event for a record the database refused (one statement writes both)', async () => {
      const unchecked = new AccessAudit(
        dataSource,
        { service: 'alerts', event: 'alertsAccessRecorded' },
        new OutboxWriter({ ...messagingConfigFromEnv('auth-test'), validateOutgoing: false }),
      );
      const requestId = randomUUID();
      await expect(unchecked.record(visitBy(requestId, 'not-a-uuid'))).rejects.toThrow(/uuid/);
      await unchecked.onModuleDestroy();
      expect(await rowsOf(requestId)).toBe(0);
      expect(await eventsOf(requestId)).toEqual([]);
    });

    it('publishes nothing where the service does not publish (registration keeps its own records)', async () => {
      const requestId = randomUUID();
      await sut.record(visitBy(requestId));
      expect(await rowsOf(requestId)).toBe(1);
      expect(await eventsOf(requestId)).toEqual([]);
    });
  });
});
