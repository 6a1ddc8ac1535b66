#!/usr/bin/env node
// `npm run bench`: builds, then runs each benchmark against the real PostgreSQL and Kafka and
// prints its table (JSON results go under bench/results/). Benchmarks are never part of `npm test`.
//   npm run bench                 # all
//   npm run bench -- system       # one: system | caseload | risk-scoring | audit
// PostgreSQL: DATABASE_URL, else the embedded one; Kafka: KAFKA_BROKERS, else the local broker.
import { spawnSync } from 'node:child_process';
import { startPostgres } from '../postgres/postgres.mjs';
import { startKafka } from '../kafka/kafka.mjs';

const BENCHES = {
  caseload: ['scripts/bench/caseload.mjs', '--rows', process.env.BENCH_CASELOAD_ROWS ?? '1000000'],
  'risk-scoring': ['services/risk-scoring/bench/consumer.bench.mjs'],
  system: ['scripts/bench/system.mjs'],
  audit: ['scripts/bench/audit.mjs'],
};

const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
const selected = wanted.length > 0 ? wanted : Object.keys(BENCHES);

if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
env.DATABASE_URL ??= (await startPostgres({ log: false })).url;
env.KAFKA_BROKERS ??= (await startKafka({ log: false })).brokers.join(',');

let failed = false;
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, BENCHES[name], { stdio: 'inherit', env });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
