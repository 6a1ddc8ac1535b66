// Where a test run gets PostgreSQL and Kafka, in this order:
// 1. DATABASE_URL / KAFKA_BROKERS from the environment;
// 2. testcontainers, when a Docker engine answers;
// 3. the project's own local launchers (embedded PostgreSQL, Kafka 4 from Maven jars).
// Plain ESM (not TypeScript): Jest loads global setup outside its module system.
import { existsSync } from 'node:fs';
import { startKafka, stopKafka } from '../../scripts/kafka/kafka.mjs';

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
