import pg from 'pg';
import { REALM, accountsWithPrefix, deleteAccount } from '../../scripts/keycloak/admin.mjs';
import { useKeycloak } from '../../scripts/keycloak/keycloak.mjs';

/**
 * The accounts and test-only clients end-to-end tests made in Keycloak (test/e2e/support/identity.ts names them
 * e2e-<run id>-... and siaga-test-...-<run id>).
 */
async function deleteTestAccounts(runId) {
  const { admin } = await useKeycloak({ start: false, log: false });
  if (!admin) return;
  for (const account of await accountsWithPrefix(admin, `e2e-${runId}-`)) await deleteAccount(admin, account.id);
  const { body: clients } = await admin.request('GET', `/${REALM}/clients?search=true&clientId=siaga-test-`);
  for (const client of clients.filter((c) => c.clientId.startsWith('siaga-test-') && c.clientId.endsWith(`-${runId}`))) {
    await admin.request('DELETE', `/${REALM}/clients/${client.id}`);
  }
}

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
  if (runId && process.env.KEYCLOAK_URL)
    await deleteTestAccounts(runId).catch((e) => console.warn(`keycloak: test accounts left: ${e.message}`));
  for (const infra of (globalThis.__SIAGA_TEST_INFRA__ ?? []).reverse()) await infra.stop();
}
