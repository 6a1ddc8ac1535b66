#!/usr/bin/env node
// Caseload query latency with 1,000,000 pregnancies in the table (issue: "must stay fast with a million").
// Starts the built registration service on its own schema, bulk-loads synthetic women with SQL,
// then measures GET /pregnancies through HTTP for a midwife (2 villages) and a doctor (her health center).
// Usage: npm run build && DATABASE_URL=... node scripts/bench/caseload.mjs [--rows 1000000] [--requests 300]
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { startKafka } from '../kafka/kafka.mjs';
import { mintToken } from '../lib/tokens.mjs';
import { spawnService, stopProcess } from './service-process.mjs';
import { printTable, summarize } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 1_000_000);
const REQUESTS = arg('requests', 300);
const SCHEMA = `bench_caseload_${ROWS}`;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/siaga_bench';
const secret = process.env.JWT_SECRET ?? randomUUID() + randomUUID();

const brokers = process.env.KAFKA_BROKERS ?? (await startKafka({ log: false })).brokers.join(',');
const service = await spawnService('registration', {
  PORT: '3901',
  DATABASE_URL: databaseUrl,
  DATABASE_SCHEMA: SCHEMA,
  KAFKA_BROKERS: brokers,
  KAFKA_TOPIC_PREFIX: 'bench.',
  JWT_SECRET: secret,
  LOG_LEVEL: 'warn',
});

// 217 villages like Banyuwangi's, ~20 per health center; pregnancies spread evenly.
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM ${SCHEMA}.pregnancy`)).rows;
if (count < ROWS) {
  const started = Date.now();
  console.log(`loading ${ROWS - count} pregnancies into ${SCHEMA} ...`);
  await db.query(`SET search_path = ${SCHEMA}`);
  await db.query(`
    INSERT INTO mother (id, nik, identity_version)
    SELECT md5('m' || i)::uuid, '35' || lpad(i::text, 14, '0'), 1
    FROM generate_series(${count + 1}, ${ROWS}) AS i`);
  await db.query(`
    INSERT INTO mother_identity (mother_id, version, name, birth_date, phone, street, village_code, village_name, district_name,
                                 regency_name, recorded_at, recorded_by)
    SELECT md5('m' || i)::uuid, 1, 'Ibu ' || i, date '1995-01-01' + (i % 3000), '+628120000000', 'Jl. Contoh',
           '35.10.20.' || (2001 + i % 217), 'Desa ' || (i % 217), 'Sempu', 'Kabupaten Banyuwangi', now(), 'bench'
    FROM generate_series(${count + 1}, ${ROWS}) AS i`);
  await db.query(`
    INSERT INTO pregnancy (id, mother_id, mother_version, status, village_code, health_center_id, midwife_id, height_cm, hpht, hpl, history,
                           conditions, visit_count, next_visit_due, overdue_from, risk_category, risk_score, registered_on, registered_at)
    SELECT md5('p' || i)::uuid, md5('m' || i)::uuid, 1, CASE WHEN i % 10 = 0 THEN 'closed' ELSE 'active' END,
           '35.10.20.' || (2001 + i % 217), md5('hc' || ((i % 217) / 20))::uuid, md5('mw' || (i % 217))::uuid, 150,
           current_date - (i % 280), current_date - (i % 280) + 280, '{"gravida":1,"para":0,"abortus":0,"livingChildren":0}',
           '{}', i % 5, current_date - (i % 280) + (84 + (i % 5) * 42), current_date - (i % 280) + (98 + (i % 5) * 42), (ARRAY['KRR','KRT','KRST'])[1 + i % 3], 2 + (i % 3) * 4,
           current_date - (i % 280), now() - (i % 280) * interval '1 day'
    FROM generate_series(${count + 1}, ${ROWS}) AS i`);
  await db.query(`ANALYZE mother; ANALYZE mother_identity; ANALYZE pregnancy`);
  console.log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
await db.end();

const hc = await (async () => {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const r = await c.query(`SELECT md5('hc' || 3)::uuid AS id`);
  await c.end();
  return r.rows[0].id;
})();
const midwife = await mintToken({ sub: randomUUID(), role: 'midwife', hc, villages: ['35.10.20.2061', '35.10.20.2062'] }, { secret });
const doctor = await mintToken({ sub: randomUUID(), role: 'doctor', hc }, { secret });

const scenarios = [
  ['midwife, 2 villages, by due date', midwife, 'limit=50'],
  ['midwife, overdue only', midwife, 'overdue=true&limit=50'],
  ['midwife, KRST, due in 30 days', midwife, `category=KRST&dueTo=${new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10)}`],
  ['doctor, health center, by due date', doctor, 'limit=50'],
  ['doctor, page 2 via cursor', doctor, 'limit=50', true],
  ['doctor, overdue, sorted by next visit', doctor, 'overdue=true&sort=nextVisitDue&limit=50'],
];
const rows = [];
for (const [name, token, query, secondPage] of scenarios) {
  const samples = [];
  let cursor = null;
  if (secondPage) {
    const first = await fetch(`${service.url}/pregnancies?${query}`, { headers: { authorization: `Bearer ${token}` } });
    cursor = (await first.json()).nextCursor;
  }
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${service.url}/pregnancies?${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`);
    samples.push(performance.now() - started);
  }
  rows.push({ scenario: name, ...summarize(samples) });
}
await stopProcess(service);
printTable(`caseload over HTTP with ${ROWS.toLocaleString()} pregnancies (ms, ${REQUESTS} sequential requests each)`, rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/caseload-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify({ rows: ROWS, results: rows }, null, 2),
);
