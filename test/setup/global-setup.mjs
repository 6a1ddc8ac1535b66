import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { kafkaBrokers, keycloakEnv, postgresServerUrl } from './infrastructure.mjs';

/**
 * End-to-end specs run the services against Keycloak; in-process integration tests sign their own tokens. A run
 * of in-process tests only (`jest <pattern>`) does not wait for Keycloak to start.
 */
function runNeedsKeycloak(globalConfig) {
  if (process.env.KEYCLOAK_URL) return true;
  const patterns = globalConfig?.testPathPatterns;
  if (!patterns?.isSet?.()) return true;
  const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
  const testDir = path.join(globalConfig.rootDir, 'test');
  const specs = readdirSync(testDir, { recursive: true })
    .filter((file) => String(file).endsWith('.e2e-spec.ts'))
    .map((file) => path.join(testDir, String(file)));
  return specs.some((file) => executor.isMatch(file));
}

/** A fresh database for this run on whatever server we got; each test file then takes its own schemas. */
async function freshDatabase(serverUrl, runId) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE siaga_test_${runId}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/siaga_test_${runId}`;
  return url.toString();
}

export default async function globalSetup(globalConfig) {
  const started = [];
  globalThis.__SIAGA_TEST_INFRA__ = started;
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const [serverUrl, brokers, keycloak] = await Promise.all([
    postgresServerUrl(started),
    kafkaBrokers(started),
    runNeedsKeycloak(globalConfig) ? keycloakEnv(started) : {},
  ]);
  process.env.SIAGA_TEST_RUN_ID = runId;
  process.env.SIAGA_TEST_SERVER_URL = serverUrl;
  process.env.DATABASE_URL = await freshDatabase(serverUrl, runId);
  process.env.KAFKA_BROKERS = brokers;
  // In-process integration tests sign their own tokens (HS256); end-to-end tests run the services against Keycloak.
  process.env.JWT_SECRET = randomBytes(32).toString('base64url');
  Object.assign(process.env, keycloak);
  process.env.LOG_LEVEL ??= 'error'; // expected outages in fault tests would otherwise flood the CI log
  process.env.SWAGGER_UI = 'false';
  process.env.OUTBOX_VALIDATE = 'true'; // every event a test makes a service publish is checked against its contract
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
}
