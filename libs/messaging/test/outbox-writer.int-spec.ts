import { randomUUID } from 'node:crypto';
import { MESSAGING_TABLES_UP, OutboxWriter, messagingConfigFromEnv } from '@siaga/messaging';
import { isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource } from 'typeorm';

describe('outbox writer', () => {
  const { schema } = isolateTestFile('messaging');
  let dataSource: DataSource;
  let sut: OutboxWriter;

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, MESSAGING_TABLES_UP);
    sut = new OutboxWriter({ ...messagingConfigFromEnv('outbox-writer-test'), validateOutgoing: true });
  });

  afterAll(() => dataSource.destroy());

  const closed = (subject: string, note: string) => ({
    name: 'pregnancyClosed' as const,
    subject,
    data: { pregnancyId: subject, outcome: 'delivered' as const, closedAt: new Date().toISOString(), note },
  });

  it('numbers several events of several subjects in one append, each subject in the order given', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const first = await dataSource.transaction((manager) =>
      sut.append(manager, [closed(a, 'a1'), closed(b, 'b1'), closed(a, 'a2'), closed(a, 'a3'), closed(b, 'b2')]),
    );
    expect(first.map((e) => e.sequence)).toEqual([1, 1, 2, 3, 2]);
    const [next] = await dataSource.transaction((manager) => sut.append(manager, [closed(a, 'a4')]));
    expect(next.sequence).toBe(4);

    const rows = await dataSource.query<{ id: string; sequence: string; note: string }[]>(
      `SELECT id, sequence, payload->>'note' AS note FROM outbox WHERE subject = $1 ORDER BY sequence`,
      [a],
    );
    expect(rows.map((r) => [Number(r.sequence), r.note])).toEqual([
      [1, 'a1'],
      [2, 'a2'],
      [3, 'a3'],
      [4, 'a4'],
    ]);
    expect(rows[0].id).toBe(first[0].id);
  });

  it('writes nothing when the transaction rolls back, and the numbers stay free', async () => {
    const subject = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await sut.append(manager, [closed(subject, 'lost')]);
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    const [appended] = await dataSource.transaction((manager) => sut.append(manager, [closed(subject, 'kept')]));
    expect(appended.sequence).toBe(1);
  });

  it('rejects an event that breaks its contract before writing anything', async () => {
    const subject = randomUUID();
    const invalid = { ...closed(subject, 'x'), data: { pregnancyId: subject, outcome: 'unknown', closedAt: 'yesterday' } };
    await expect(dataSource.transaction((manager) => sut.append(manager, [invalid as never]))).rejects.toThrow();
    const [{ n }] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1`, [subject]);
    expect(n).toBe(0);
  });
});
