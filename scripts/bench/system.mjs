#!/usr/bin/env node
// The whole pipeline under load (issue 6 benchmark). Starts the built services as separate processes
// (as `npm start` does) on a fresh topic prefix and schemas, then:
//  - ingest: visits/s accepted by registration at fixed offered rates, p50/p95/p99 and errors;
//  - end to end: per visit, 201 → assessment event (and → alert event for emergency visits, when the
//    alerts service is built) on Kafka, p50/p95/p99;
//  - peak RSS of each service.
// Usage: npm run build && node scripts/bench/system.mjs [--rates 50,200,500,1000] [--seconds 10]
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import kafkajs from 'kafkajs';
import { startKafka } from '../kafka/kafka.mjs';
import { mintToken } from '../lib/tokens.mjs';
import { spawnService, stopProcess } from './service-process.mjs';
import { printTable, summarize } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RATES = arg('rates', '50,200,500,1000').split(',').map(Number);
const SECONDS = Number(arg('seconds', '10'));
const id = randomBytes(3).toString('hex');
const prefix = `bench${id}.`;
const secret = randomBytes(32).toString('base64url');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/siaga_bench';
const brokers = process.env.KAFKA_BROKERS ?? (await startKafka({ log: false })).brokers.join(',');

const SERVICES = [
  ['registration', 4101],
  ['risk-scoring', 4102],
  ['alerts', 4103],
  ['referral', 4104],
];
const progress = (msg) => console.error(`[bench] ${new Date().toISOString()} ${msg}`);
const running = [];
for (const [name, port] of SERVICES) {
  try {
    readFileSync(`dist/services/${name}/src/main.js`);
  } catch {
    continue; // not built yet
  }
  running.push(
    await spawnService(name, {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: `bench_${id}_${name.replace('-', '_')}`,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      JWT_SECRET: secret,
      LOG_LEVEL: 'error',
    }),
  );
}
progress(`services ready: ${running.map((s) => s.name).join(', ')}`);
const registration = running.find((s) => s.name === 'registration').url;
const hasAlerts = running.some((s) => s.name === 'alerts');

// Watch the broker: visit id → visit event id (pregnancy topic); event id → assessment arrival; pregnancy → first alert.
const kafka = new kafkajs.Kafka({ clientId: 'siaga-bench', brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING });
const eventIdOfVisit = new Map();
const assessedAt = new Map();
const alertedAt = new Map();
const consumer = kafka.consumer({ groupId: `bench-${id}`, maxWaitTimeInMs: 50 });
await consumer.connect();
const topics = [`${prefix}siaga.registration.pregnancy.v1`, `${prefix}siaga.risk-scoring.assessment.v1`];
if (hasAlerts) topics.push(`${prefix}siaga.alerts.alert.v1`);
await consumer.subscribe({ topics, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, message }) => {
    const now = performance.now();
    const data = JSON.parse(message.value.toString());
    if (topic.endsWith('pregnancy.v1') && data.visit) eventIdOfVisit.set(data.visit.visitId, message.headers.ce_id.toString());
    else if (topic.endsWith('assessment.v1')) assessedAt.set(data.causedBy.eventId, now);
    else if (topic.endsWith('alert.v1') && !alertedAt.has(message.key.toString())) alertedAt.set(message.key.toString(), now);
  },
});

const hc = randomUUID();
const village = '35.10.20.2001';
const midwife = await mintToken({ sub: randomUUID(), role: 'midwife', hc, villages: [village] }, { secret });
const post = async (path, body) => {
  const started = performance.now();
  const response = await fetch(`${registration}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${midwife}` },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  return { status: response.status, body: json, ms: performance.now() - started, at: performance.now() };
};
let serial = 0;
const woman = () => {
  serial += 1;
  const day = 10 + (serial % 18);
  return {
    mother: {
      nik: `351020${day + 40}0599${String(serial).padStart(4, '0')}`,
      name: `Ibu Bench ${serial}`,
      birthDate: `1999-05-${day}`,
      phone: '+6280000000000',
      address: {
        street: 'Jl. Bench',
        villageCode: village,
        villageName: 'Sempu',
        districtName: 'Sempu',
        regencyName: 'Kabupaten Banyuwangi',
      },
    },
    history: {
      gravida: 1,
      para: 0,
      abortus: 0,
      livingChildren: 0,
      previousCaesarean: false,
      forcepsOrVacuum: false,
      manualPlacentaRemoval: false,
      infusionOrTransfusion: false,
    },
    heightCm: 155,
    hpht: new Date(Date.now() - 120 * 864e5).toISOString().slice(0, 10),
    conditions: [],
  };
};

const rows = [];
const today = new Date().toISOString().slice(0, 10);
for (const rate of RATES) {
  // Pregnancies for this round: every 10th visit is an emergency on a pregnancy of its own (one alert each).
  const total = rate * SECONDS;
  const pool = [];
  for (let i = 0; i < Math.max(20, Math.ceil(total / 20)); i += 1) pool.push((await post('/pregnancies', woman())).body.id);
  const emergencyPool = [];
  for (let i = 0; i < Math.ceil(total / 10); i += 1) emergencyPool.push((await post('/pregnancies', woman())).body.id);
  progress(`rate ${rate}/s: ${pool.length + emergencyPool.length} pregnancies registered`);
  const results = [];
  const started = performance.now();
  const inFlight = new Set();
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const emergency = n % 10 === 9;
    const pregnancyId = emergency ? emergencyPool[Math.floor(n / 10)] : pool[n % pool.length];
    const body = emergency
      ? { visitDate: today, systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] }
      : { visitDate: today, systolic: 110, diastolic: 70, dangerSigns: [] };
    const p = post(`/pregnancies/${pregnancyId}/visits`, body).then((r) => results.push({ ...r, emergency, pregnancyId }));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  progress(`rate ${rate}/s: ${results.length} visits sent`);
  const elapsed = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.status === 201);
  // Wait for the pipeline to drain (at most 60 s).
  const deadline = performance.now() + 60_000;
  const assessedLatency = () => ok.map((r) => assessedAt.get(eventIdOfVisit.get(r.body.visitId)) - r.at).filter((x) => !Number.isNaN(x));
  while (performance.now() < deadline && assessedLatency().length < ok.length) await new Promise((r) => setTimeout(r, 200));
  const e2e = summarize(assessedLatency());
  const alertLatency = ok
    .filter((r) => r.emergency)
    .map((r) => alertedAt.get(r.pregnancyId) - r.at)
    .filter((x) => !Number.isNaN(x));
  rows.push({
    offered: rate,
    accepted: Math.round(ok.length / elapsed),
    errors: results.length - ok.length,
    'ingest p50': summarize(results.map((r) => r.ms)).p50,
    'ingest p99': summarize(results.map((r) => r.ms)).p99,
    'visit→assessment p50': e2e.p50,
    'visit→assessment p99': e2e.p99,
    assessed: `${e2e.n}/${ok.length}`,
    ...(hasAlerts ? { 'visit→alert p50': summarize(alertLatency).p50, 'visit→alert p99': summarize(alertLatency).p99 } : {}),
  });
}

const rss = Object.fromEntries(
  running.map((s) => {
    const status = readFileSync(`/proc/${s.child.pid}/status`, 'utf8');
    return [s.name, `${Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024)} MiB`];
  }),
);
await consumer.disconnect();
for (const s of running) await stopProcess(s);
printTable(`pipeline, ${SECONDS} s per offered rate (ms)`, rows);
printTable('peak RSS per service', [rss]);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/system-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ rows, rss }, null, 2));
process.exit(0);
