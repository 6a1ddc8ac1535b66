#!/usr/bin/env node
// Access audit benchmark (not a test). Run after `npm run build`, with PostgreSQL up:
//
//   node scripts/bench/audit.mjs [--seconds 5] [--concurrency 64] [--dist DIR]
//
// Records per second through AccessAudit.record, with --concurrency callers each awaiting its own record before
// the next (as requests do), on the real PostgreSQL: (a) a service that keeps its records (registration), (b) one
// that also publishes those naming a pregnancy (risk scoring, alerts, referral: an outbox event in the same
// commit). No relay runs: what is measured is the cost the request waits for. --dist measures another build
// (e.g. an older commit's dist/) for a before/after; a build without publication runs (a) only.
// Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). Drops its schema when done.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '64' }, dist: { type: 'string' } },
});
const seconds = Number.parseFloat(values.seconds);
const concurrency = Number.parseInt(values.concurrency, 10);
const dist = path.resolve(values.dist ?? 'dist');
const load = (lib) => import(path.join(dist, 'libs', lib, 'src', 'index.js'));
const auth = await load('auth');
const messaging = await load('messaging');
const { dataSourceOptions, databaseConfigFromEnv, ensureDatabaseAndSchema } = await load('persistence');

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = `bench_audit_${randomBytes(3).toString('hex')}`;
const db = databaseConfigFromEnv(schema);
await ensureDatabaseAndSchema(db.url, db.schema);
const dataSource = new DataSource({ ...dataSourceOptions(db, { entities: [], migrations: [] }), migrationsRun: false });
await dataSource.initialize();
await dataSource.query(auth.ACCESS_AUDIT_TABLE_UP);
if (auth.ACCESS_AUDIT_RESOURCE_UP) await dataSource.query(auth.ACCESS_AUDIT_RESOURCE_UP);
await dataSource.query(messaging.MESSAGING_TABLES_UP);
for (const Migration of messaging.MESSAGING_MIGRATIONS) await dataSource.transaction((m) => new Migration().up(m.queryRunner));

const healthCenterId = randomUUID();
const pregnancies = Array.from({ length: 2000 }, () => randomUUID());
const record = (i) => ({
  actor: { userId: 'doctor-1', role: 'doctor', healthCenterId, villageCodes: [], requestId: randomUUID() },
  action: 'alert.read',
  pregnancyId: pregnancies[i % pregnancies.length],
  outcome: 'allowed',
});

async function measure(label, audit) {
  let written = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) await audit.record(record(written++));
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await audit.onModuleDestroy();
  const [{ events }] = await dataSource.query(`SELECT count(*)::int AS events FROM outbox`);
  console.log(
    `${label.padEnd(34)} ${String(Math.round(written / elapsed)).padStart(7)} records/s  (${written} in ${elapsed.toFixed(1)} s)`,
  );
  return events;
}

console.log(`access audit, ${concurrency} callers, ${seconds} s each, ${dist}`);
try {
  await measure('(a) kept only (registration)', new auth.AccessAudit(dataSource));
  if (auth.ACCESS_AUDIT_PUBLICATION) {
    const outbox = new messaging.OutboxWriter(messaging.messagingConfigFromEnv('bench'));
    const publishing = new auth.AccessAudit(dataSource, { service: 'alerts', event: 'alertsAccessRecorded' }, outbox);
    const events = await measure('(b) kept and published (alerts)', publishing);
    console.log(`outbox events written: ${events}`);
  }
} finally {
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
}
