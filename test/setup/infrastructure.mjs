// Where a test run gets PostgreSQL, Kafka and Keycloak, in this order:
// 1. DATABASE_URL / KAFKA_BROKERS / KEYCLOAK_URL from the environment;
// 2. testcontainers, when a Docker engine answers;
// 3. the project's own local launchers (embedded PostgreSQL, Kafka 4 from Maven jars, Keycloak from Maven).
// Plain ESM (not TypeScript): Jest loads global setup outside its module system.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startKafka, stopKafka } from '../../scripts/kafka/kafka.mjs';
import { ensureRealm, keycloakAdmin } from '../../scripts/keycloak/admin.mjs';
import { startKeycloak, stopKeycloak, useKeycloak } from '../../scripts/keycloak/keycloak.mjs';

export const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.7.3';

export function dockerAvailable() {
  if (process.env.SIAGA_NO_DOCKER === '1') return false;
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/** @param {Array<{stop: () => Promise<unknown>}>} started */
export async function postgresServerUrl(started) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (dockerAvailable()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    started.push({ stop: () => container.stop() });
    return container.getConnectionUri();
  }
  const { startPostgres, stopPostgres } = await import('../../scripts/postgres/postgres.mjs');
  const { url, alreadyRunning } = await startPostgres();
  if (!alreadyRunning) started.push({ stop: () => stopPostgres() });
  return url;
}

/** @param {Array<{stop: () => Promise<unknown>}>} started */
export async function kafkaBrokers(started) {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  if (dockerAvailable()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('confluentinc/cp-kafka:7.7.0').withKraft().start();
    started.push({ stop: () => container.stop() });
    return `${container.getHost()}:${container.getMappedPort(9093)}`;
  }
  const { brokers, alreadyRunning } = await startKafka({ log: false });
  if (!alreadyRunning) started.push({ stop: () => stopKafka({ log: false }) });
  return brokers.join(',');
}

/**
 * The run's Keycloak with the siaga realm imported, as the environment its tests read
 * (KEYCLOAK_URL and the admin credentials they create accounts with).
 * @param {Array<{stop: () => Promise<unknown>}>} started
 * @returns {Promise<Record<string, string>>}
 */
export async function keycloakEnv(started) {
  if (process.env.KEYCLOAK_URL) {
    const k = await useKeycloak({ start: false, log: false });
    if (!k.admin)
      throw new Error('KEYCLOAK_URL is set: set KEYCLOAK_ADMIN_CLIENT_ID/_SECRET (or _USERNAME/_PASSWORD) too, tests make accounts');
    return { KEYCLOAK_URL: k.url, ...adminEnv(k.adminCredentials) };
  }
  if (dockerAvailable()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const credentials = { clientId: 'siaga-bootstrap-admin', clientSecret: randomBytes(24).toString('base64url') };
    const container = await new GenericContainer(KEYCLOAK_IMAGE)
      .withEnvironment({ KC_BOOTSTRAP_ADMIN_CLIENT_ID: credentials.clientId, KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: credentials.clientSecret })
      .withCommand(['start-dev', '--http-port=8080'])
      .withExposedPorts(8080)
      .withWaitStrategy(Wait.forHttp('/realms/master', 8080).forStatusCode(200))
      .withStartupTimeout(180_000)
      .start();
    started.push({ stop: () => container.stop() });
    const url = `http://${container.getHost()}:${container.getMappedPort(8080)}`;
    await ensureRealm(keycloakAdmin({ url, ...credentials }));
    return { KEYCLOAK_URL: url, ...adminEnv(credentials) };
  }
  const k = await startKeycloak({ log: false });
  if (!k.alreadyRunning) started.push({ stop: () => stopKeycloak({ log: false }) });
  return { KEYCLOAK_URL: k.url, ...adminEnv(k.admin) };
}

function adminEnv(credentials) {
  return credentials.clientId
    ? { KEYCLOAK_ADMIN_CLIENT_ID: credentials.clientId, KEYCLOAK_ADMIN_CLIENT_SECRET: credentials.clientSecret }
    : { KEYCLOAK_ADMIN_USERNAME: credentials.username, KEYCLOAK_ADMIN_PASSWORD: credentials.password };
}
