#!/usr/bin/env node
// The whole pipeline under load (issue 6 benchmark). Starts the built services as separate processes
// (as `npm start` does) on a fresh topic prefix and schemas, then:
//  - ingest: visits/s accepted by registration at fixed offered rates, p50/p95/p99 and errors;
//  - end to end: per visit, 201 → assessment event (and → alert event for emergency visits, when the
//    alerts service is built) on Kafka, p50/p95/p99;
//  - dispatch: on a quiet system, one emergency at a time: a doctor's `refer` → the referral offered to a
//    hospital, and the hospital's accept → the escort offered to police and volunteers (referral's registry
//    is the demo regency, loaded with the referral seed);
//  - peak RSS of each service.
//  - before the measured rounds, a warm-up round (not reported) at 50/s: JIT, connection pools and consumer
//    groups settle as in a system that has been running;
//  - each woman gets --visits-per-woman visits in a round (2 by default: a regency's visits are spread over many
//    women; 20 piles a tenth of a second's visits on one row lock).
// Usage: npm run build && node scripts/bench/system.mjs [--rates 50,200,500,1000] [--seconds 10] [--warmup-seconds 5]
//        [--visits-per-woman 2] [--keep]
// Drops its schemas, topics and consumer groups at the end unless --keep.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { cpuMsPer, cpuSnapshot, kafkaBrokerPids, machineTicks, postgresBackendPids } from '#bench/cpu.mjs';
import { startKafka } from '../kafka/kafka.mjs';
import { spawnSync } from 'node:child_process';
import { DEMO_USERS } from '../lib/demo.mjs';
import { mintToken } from '../lib/tokens.mjs';
import { spawnService, stopProcess } from './service-process.mjs';
import { printTable, summarize } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RATES = arg('rates', '50,200,500,1000').split(',').map(Number);
const DISPATCHES = Number(arg('dispatches', '20'));
const SECONDS = Number(arg('seconds', '10'));
const MAX_IN_FLIGHT = Number(arg('connections', '128'));
const WARMUP_SECONDS = Number(arg('warmup-seconds', '5'));
const VISITS_PER_WOMAN = Number(arg('visits-per-woman', '2'));
const KEEP = process.argv.includes('--keep');
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
// However the run ends (a thrown error included), the services it started do not outlive it.
process.on('exit', () => running.forEach((s) => s.child.exitCode === null && s.child.kill('SIGTERM')));
const schemaOf = (name) => `bench_${id}_${name.replace('-', '_')}`;
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
      DATABASE_SCHEMA: schemaOf(name),
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
const alertIdOf = new Map(); // pregnancy → first alert id
const offeredAt = new Map(); // pregnancy → { at, hospitalId, referralId } of the first referral offer
const escortOffers = []; // arrival times of escort offers (dispatch runs one at a time)
const consumer = kafka.consumer({ groupId: `bench-${id}`, maxWaitTimeInMs: 50 });
await consumer.connect();
const topics = [`${prefix}siaga.registration.pregnancy.v1`, `${prefix}siaga.risk-scoring.assessment.v1`];
if (hasAlerts) topics.push(`${prefix}siaga.alerts.alert.v1`);
const hasReferral = running.some((s) => s.name === 'referral');
if (hasReferral) topics.push(`${prefix}siaga.referral.referral.v1`, `${prefix}siaga.referral.escort.v1`);
await consumer.subscribe({ topics, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, message }) => {
    const now = performance.now();
    const data = JSON.parse(message.value.toString());
    if (topic.endsWith('pregnancy.v1') && data.visit) eventIdOfVisit.set(data.visit.visitId, message.headers.ce_id.toString());
    else if (topic.endsWith('assessment.v1')) assessedAt.set(data.causedBy.eventId, now);
    else if (topic.endsWith('alert.v1') && !alertedAt.has(message.key.toString())) {
      alertedAt.set(message.key.toString(), now);
      alertIdOf.set(message.key.toString(), data.alertId);
    } else if (message.headers.ce_type?.toString() === 'id.siaga.referral.referral-offered.v1' && !offeredAt.has(data.pregnancyId)) {
      offeredAt.set(data.pregnancyId, { at: now, hospitalId: data.hospitalId, referralId: data.referralId });
    } else if (message.headers.ce_type?.toString() === 'id.siaga.referral.escort-offered.v1') escortOffers.push(now);
  },
});

const hc = randomUUID();
const village = '35.10.20.2001';
const midwife = await mintToken({ sub: randomUUID(), role: 'midwife', hc, villages: [village] }, { secret });
// node:http on keep-alive sockets: the load generator shares the machine with the system, and fetch() cost it
// about twice the CPU per request. Never throws: a refused or timed-out request is an error in the table
// (status 0), not the end of the run.
let assessmentsExpected = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
const post = (path, body, token = midwife, base = registration) =>
  new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      `${base}${path}`,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? { 'content-length': 0 }
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // not JSON: the status tells
          }
          // Every registration or visit registration accepts gets one assessment (see settle).
          if (response.statusCode === 201 && base === registration) assessmentsExpected += 1;
          resolve({ status: response.statusCode, body: json, at: performance.now() });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, body: null, error: String(error?.code ?? error), at: performance.now() }));
    request.end(payload);
  });
/** Runs `task` for 0..n-1 with at most `width` at once. */
const inParallel = async (n, width, task) => {
  const out = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
};
const register = async () => {
  const response = await post('/pregnancies', woman());
  if (response.status !== 201)
    throw new Error(`registration failed: ${response.status} ${response.error ?? JSON.stringify(response.body)}`);
  return response.body.id;
};
/**
 * Waits until risk scoring has assessed everything sent so far and the machine has gone quiet (the other
 * consumers have applied it too): a round starts on an idle pipeline, not on the backlog of its registrations.
 */
const settle = async () => {
  const deadline = performance.now() + 120_000;
  while (assessedAt.size < assessmentsExpected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (let quietWindows = 0; quietWindows < 2 && performance.now() < deadline;) {
    const before = machineTicks();
    await new Promise((r) => setTimeout(r, 500));
    const after = machineTicks();
    quietWindows = (after.busy - before.busy) / (after.total - before.total) < 0.15 ? quietWindows + 1 : 0;
  }
};
let serial = 0;
const woman = () => {
  serial += 1;
  // NIK: region, birth date (day + 40 for a woman), then a 4-digit number: unique for 18 × 9,999 women.
  const day = 10 + (serial % 18);
  const number = 1 + Math.floor(serial / 18);
  return {
    mother: {
      nik: `351020${day + 40}0599${String(number).padStart(4, '0')}`,
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

const today = new Date().toISOString().slice(0, 10);
const emergencyVisit = { visitDate: today, systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] };
const until = async (value, timeoutMs = 30_000) => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = value();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error('dispatch: timed out waiting for the next event');
    await new Promise((r) => setTimeout(r, 2));
  }
};

// Dispatch, on the quiet system: one emergency at a time, through the demo regency's registry.
const dispatch = { 'refer → hospital offered': [], 'hospital accepted → escort offered': [] };
if (hasAlerts && hasReferral && DISPATCHES > 0) {
  const referralService = running.find((s) => s.name === 'referral');
  const seeded = spawnSync(process.execPath, ['dist/services/referral/src/seed/seed.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schemaOf('referral'), LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`referral seed failed: ${seeded.stderr}`);
  const demo = Object.fromEntries(await Promise.all(DEMO_USERS.map(async (u) => [u.key, await mintToken(u.claims, { secret })])));
  const alertsUrl = running.find((s) => s.name === 'alerts').url;
  for (let i = 0; i < DISPATCHES; i += 1) {
    const pregnancy = await post('/pregnancies', woman(), demo.midwife);
    if (pregnancy.status !== 201) throw new Error(`dispatch: registration failed (${pregnancy.status})`);
    const pregnancyId = pregnancy.body.id;
    await post(`/pregnancies/${pregnancyId}/visits`, emergencyVisit, demo.midwife);
    const alertId = await until(() => alertIdOf.get(pregnancyId));
    await post(`/alerts/${alertId}/acknowledge`, undefined, demo.doctor, alertsUrl);
    const referAt = performance.now();
    const resolved = await post(
      `/alerts/${alertId}/resolve`,
      { decision: 'refer', referral: { urgency: 'emergency', reason: 'Bench: BP 170/115 with severe headache' } },
      demo.doctor,
      alertsUrl,
    );
    if (resolved.status !== 200) throw new Error(`dispatch: refer failed (${resolved.status} ${JSON.stringify(resolved.body)})`);
    const offer = await until(() => offeredAt.get(pregnancyId));
    dispatch['refer → hospital offered'].push(offer.at - referAt);
    const escortsBefore = escortOffers.length;
    const nurse = await mintToken({ sub: randomUUID(), role: 'hospital', name: 'Bench Nurse', facility: offer.hospitalId }, { secret });
    const acceptAt = performance.now();
    const accepted = await post(`/referrals/${offer.referralId}/accept`, undefined, nurse, referralService.url);
    if (accepted.status !== 200) throw new Error(`dispatch: accept failed (${accepted.status} ${JSON.stringify(accepted.body)})`);
    dispatch['hospital accepted → escort offered'].push((await until(() => escortOffers[escortsBefore])) - acceptAt);
  }
  progress(`dispatch: ${DISPATCHES} emergencies referred and escorts offered`);
}

// Where each visit's CPU goes, per process group, over a whole round (sending and draining).
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const snapshotCpu = async () => {
  const backendsOf = {};
  for (const s of running) backendsOf[`pg: ${s.name}`] = await postgresBackendPids(db, `siaga-${schemaOf(s.name)}`);
  return cpuSnapshot({
    ...Object.fromEntries(running.map((s) => [s.name, [s.child.pid]])),
    postgres: await postgresBackendPids(db),
    ...backendsOf,
    kafka: kafkaBrokerPids(brokers.split(',')),
    'bench client': [process.pid],
  });
};
const cpuRows = [];

const rows = [];
const rounds = [
  ...(WARMUP_SECONDS > 0 ? [{ rate: 50, seconds: WARMUP_SECONDS, warmup: true }] : []),
  ...RATES.map((rate) => ({ rate, seconds: SECONDS })),
];
for (const { rate, seconds, warmup } of rounds) {
  // Pregnancies for this round, registered just before it (the pipeline settles before it starts): routine
  // visits, and every 10th visit an emergency on a pregnancy of its own (one alert each).
  const total = rate * seconds;
  const pool = await inParallel(Math.max(20, Math.ceil((total * 0.9) / VISITS_PER_WOMAN)), 16, register);
  const emergencyPool = await inParallel(Math.ceil(total / 10), 16, register);
  progress(`rate ${rate}/s: ${pool.length + emergencyPool.length} pregnancies registered`);
  await settle();
  const cpuBefore = await snapshotCpu();
  const results = [];
  const started = performance.now();
  const inFlight = new Set();
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / rate;
    // Like a client's connection pool: when every connection is busy, the next visit waits for one. Its
    // latency still counts from when it was due (no coordinated omission), so waiting shows up as latency.
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const emergency = n % 10 === 9;
    const pregnancyId = emergency ? emergencyPool[Math.floor(n / 10)] : pool[n % pool.length];
    const body = emergency ? emergencyVisit : { visitDate: today, systolic: 110, diastolic: 70, dangerSigns: [] };
    const p = post(`/pregnancies/${pregnancyId}/visits`, body).then((r) => results.push({ ...r, ms: r.at - due, emergency, pregnancyId }));
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
  const cpu = cpuMsPer(cpuBefore, await snapshotCpu(), Math.max(1, ok.length));
  if (warmup) {
    progress(`warm-up: ${ok.length} visits at ${rate}/s, not reported`);
    continue;
  }
  cpuRows.push({ offered: rate, ...cpu });
  const alertLatency = ok
    .filter((r) => r.emergency)
    .map((r) => alertedAt.get(r.pregnancyId) - r.at)
    .filter((x) => !Number.isNaN(x));
  rows.push({
    offered: rate,
    accepted: Math.round(ok.length / elapsed),
    errors: results.length - ok.length,
    'sent within': `${elapsed.toFixed(1)} s`,
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
if (!KEEP) {
  // What the run created goes with it: its schemas, topics and consumer groups.
  for (const s of running) await db.query(`DROP SCHEMA IF EXISTS "${schemaOf(s.name)}" CASCADE`).catch(() => undefined);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(prefix)) }).catch(() => undefined);
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix) || g === `bench-${id}`);
  await admin.deleteGroups(groups).catch(() => undefined);
  await admin.disconnect();
}
await db.end();
printTable(`pipeline, ${SECONDS} s per offered rate, ${VISITS_PER_WOMAN} visits per woman, after a ${WARMUP_SECONDS} s warm-up (ms)`, rows);
const dispatchRows = Object.entries(dispatch)
  .filter(([, samples]) => samples.length > 0)
  .map(([step, samples]) => ({ step, ...summarize(samples) }));
printTable('CPU ms per accepted visit, by process (sending and draining; machineBusy: the whole machine)', cpuRows);
if (dispatchRows.length > 0) printTable(`dispatch, one emergency at a time on a quiet system (ms)`, dispatchRows);
printTable('peak RSS per service', [rss]);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/system-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  JSON.stringify(
    {
      options: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, visitsPerWoman: VISITS_PER_WOMAN },
      rows,
      cpu: cpuRows,
      dispatch: dispatchRows,
      rss,
    },
    null,
    2,
  ),
);
process.exit(0);
