import pg from 'pg';

export default async function globalTeardown() {
  const serverUrl = process.env.SIAGA_TEST_SERVER_URL;
  const runId = process.env.SIAGA_TEST_RUN_ID;
  if (serverUrl && runId && process.env.SIAGA_KEEP_TEST_DB !== '1') {
    const admin = new URL(serverUrl);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS siaga_test_${runId} WITH (FORCE)`).catch(() => undefined);
    await client.end();
  }
  for (const infra of (globalThis.__SIAGA_TEST_INFRA__ ?? []).reverse()) await infra.stop();
}
