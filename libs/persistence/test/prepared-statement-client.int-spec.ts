import type { Client } from 'pg';
import { PreparedStatementClient, databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { isolateTestFile, openTestDataSource } from '@siaga/testing';

/** Parameterised statements are prepared once per connection; the rest go unnamed; a connection's count is capped. */
describe('prepared statement client', () => {
  const { schema } = isolateTestFile('persistence');
  const { url } = databaseConfigFromEnv(schema);
  let sut: Client; // pg's own query() types

  const preparedTexts = async (): Promise<string[]> =>
    (await sut.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement')).rows.map(
      (r) => r.statement,
    );

  beforeAll(() => ensureDatabaseAndSchema(url, schema));

  beforeEach(async () => {
    sut = new PreparedStatementClient({ connectionString: url });
    await sut.connect();
  });

  afterEach(async () => {
    PreparedStatementClient.maxPreparedPerConnection = 256;
    await sut.end();
  });

  it('prepares a parameterised statement once and reuses it, with each call’s own values', async () => {
    const sql = 'SELECT $1::int + 1 AS next';
    const answers = [];
    for (const n of [1, 41, 99]) answers.push((await sut.query<{ next: number }>(sql, [n])).rows[0].next);

    expect(answers).toEqual([2, 42, 100]);
    expect(await preparedTexts()).toEqual([sql]);
  });

  it('sends statements without parameters as they are (BEGIN, DDL, scripts)', async () => {
    await sut.query('SELECT 1; SELECT 2');
    await sut.query('SELECT now() AS v', []);

    expect(await preparedTexts()).toEqual([]);
  });

  it('runs statements past the per-connection cap unnamed, and still answers them', async () => {
    PreparedStatementClient.maxPreparedPerConnection = 2;
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await sut.query<{ v: number }>(`SELECT $1::int * ${i} AS v`, [2])).rows[0].v);

    expect(results).toEqual([0, 2, 4, 6]);
    expect(await preparedTexts()).toEqual(['SELECT $1::int * 0 AS v', 'SELECT $1::int * 1 AS v']);
  });

  it('reports a failing prepared statement as an error and keeps the connection usable', async () => {
    await expect(sut.query('SELECT 1 / $1::int AS v', [0])).rejects.toThrow(/division by zero/);
    expect((await sut.query<{ v: number }>('SELECT 1 / $1::int AS v', [1])).rows[0].v).toBe(1);
  });

  it('is what a service DataSource connects with (TypeORM queries in a transaction are prepared)', async () => {
    const dataSource = await openTestDataSource(schema);
    try {
      const prepared = await dataSource.transaction(async (manager) => {
        await manager.query('SELECT $1::uuid AS id', ['00000000-0000-4000-8000-000000000000']);
        return manager.query('SELECT statement FROM pg_prepared_statements');
      });
      expect(prepared).toEqual([{ statement: 'SELECT $1::uuid AS id' }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
