#!/usr/bin/env node
// Risk-scoring benchmark (not a test). Run after `npm run build`, with PostgreSQL and Kafka up:
//
//   node services/risk-scoring/bench/consumer.bench.mjs [--engine-seconds 3] [--pregnancies 2000] [--visits 4]
//                                                       [--rate 1000] [--paced-seconds 15] [--partitions 6] [--keep]
//
// (a) engine: assessments per second of the pure rules engine on one core (this process, one thread).
// (b) consumer end to end: starts dist/services/risk-scoring/src/main.js as a child process on a fresh topic
//     prefix and database schema, produces registration + visit events to the broker exactly as registration's
//     relay does (CloudEvents headers, per-pregnancy sequence), and times them until every assessment event is
//     on the assessment topic: (b1) a burst, as fast as the producer goes; (b2) paced at --rate events/s.
// Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/siaga_bench), KAFKA_BROKERS (default 127.0.0.1:9092),
// BENCH_SERVICE_ENTRY (another entry file for the service, e.g. a wrapper that CPU-profiles main.js).
// Cleans up its schema and topics unless --keep.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { cpuMsPer, cpuSnapshot as snapshot, kafkaBrokerPids, postgresBackendPids } from '#bench/cpu.mjs';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dist = `${repo}dist/services/risk-scoring/src`;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const opts = {
  engineSeconds: option('engine-seconds', 3),
  pregnancies: option('pregnancies', 2000),
  visits: option('visits', 4),
  rate: option('rate', 1000),
  pacedSeconds: option('paced-seconds', 15),
  partitions: option('partitions', 6),
  keep: args.includes('--keep'),
};
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/siaga_bench';

const TYPES = {
  registered: 'id.siaga.registration.pregnancy-registered.v1',
  visit: 'id.siaga.registration.visit-recorded.v1',
};
const PREGNANCY_TOPIC = 'siaga.registration.pregnancy.v1';
const ASSESSMENT_TOPIC = 'siaga.risk-scoring.assessment.v1';

const DAY = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const maybe = (p, value) => (Math.random() < p ? value : null);

/** A varied pregnancy (age 15–42, some caesareans, short women, conditions) so the engine's branches all run. */
function aSnapshot(now = Date.now()) {
  const gaDays = 60 + Math.floor(Math.random() * 220);
  const hpht = isoDay(now - gaDays * DAY);
  const gravida = 1 + Math.floor(Math.random() * 5);
  const para = gravida === 1 ? 0 : Math.floor(Math.random() * gravida);
  return {
    pregnancyId: randomUUID(),
    motherId: randomUUID(),
    motherName: 'Ibu Bench',
    motherBirthDate: isoDay(now - (15 + Math.random() * 27) * 365.25 * DAY),
    villageCode: '35.10.20.2001',
    villageName: 'Sempu',
    districtName: 'Sempu',
    healthCenterId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    midwifeId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    heightCm: maybe(0.9, 138 + Math.floor(Math.random() * 30)),
    hpht,
    hpl: isoDay(Date.parse(hpht) + 280 * DAY),
    history: {
      gravida,
      para,
      abortus: gravida - 1 - para,
      stillbirths: maybe(0.7, 0),
      livingChildren: para,
      previousCaesarean: Math.random() < 0.15,
      forcepsOrVacuum: Math.random() < 0.05,
      manualPlacentaRemoval: Math.random() < 0.05,
      infusionOrTransfusion: Math.random() < 0.05,
      lastBirthDate: para > 0 ? maybe(0.9, isoDay(Date.parse(hpht) - (1 + Math.random() * 11) * 365.25 * DAY)) : null,
      marriageDate: maybe(0.8, isoDay(Date.parse(hpht) - (1 + Math.random() * 8) * 365.25 * DAY)),
    },
    conditions: Math.random() < 0.1 ? [pick(['anaemia', 'malaria', 'tuberculosis', 'heart-failure', 'diabetes', 'sti'])] : [],
  };
}

/** A visit between HPHT and today with realistic values; about 5 % carry an emergency. */
function aVisit(hpht, now = Date.now()) {
  const from = Date.parse(hpht);
  const severe = Math.random() < 0.05;
  return {
    visitId: randomUUID(),
    visitDate: isoDay(from + Math.random() * (now - from)),
    systolic: severe ? 165 : 100 + Math.floor(Math.random() * 45),
    diastolic: severe ? 112 : 60 + Math.floor(Math.random() * 30),
    systolicRepeat: maybe(0.2, 100 + Math.floor(Math.random() * 45)),
    weightKg: 45 + Math.floor(Math.random() * 30),
    temperatureC: maybe(0.8, 36 + Math.random() * 2.5),
    pulse: maybe(0.8, 60 + Math.floor(Math.random() * 50)),
    spo2: maybe(0.6, 90 + Math.floor(Math.random() * 10)),
    lilaCm: maybe(0.7, 21 + Math.random() * 8),
    hemoglobin: maybe(0.7, 9 + Math.random() * 5),
    urineProtein: maybe(0.6, pick(['negative', 'negative', 'trace', '+', '++'])),
    fetalHeartRate: maybe(0.7, 110 + Math.floor(Math.random() * 60)),
    presentation: maybe(0.5, pick(['cephalic', 'cephalic', 'cephalic', 'breech'])),
    fetusCount: maybe(0.7, Math.random() < 0.02 ? 2 : 1),
    fetalMovement: maybe(0.7, pick(['normal', 'normal', 'normal', 'reduced'])),
    oedema: maybe(0.8, Math.random() < 0.1),
    polyhydramnios: maybe(0.5, false),
    intrauterineFetalDeath: maybe(0.5, false),
    dangerSigns: severe
      ? ['severe-headache']
      : Math.random() < 0.03
        ? [pick(['vaginal-bleeding', 'dizziness', 'persistent-vomiting'])]
        : [],
  };
}

// ---------------------------------------------------------------------------------------------- (a) engine
function benchEngine() {
  const { assess, CURRENT_RULE_SET } = require(`${dist}/engine/index.js`);
  const inputs = Array.from({ length: 2000 }, () => {
    const pregnancy = aSnapshot();
    const visits = Array.from({ length: Math.floor(Math.random() * 9) }, () => aVisit(pregnancy.hpht));
    return { pregnancy, visits, asOf: new Date() };
  });
  const averageVisits = inputs.reduce((n, i) => n + i.visits.length, 0) / inputs.length;
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += assess(inputs[i % inputs.length], CURRENT_RULE_SET).score; // JIT warm-up
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(opts.engineSeconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 1000; i++) sink += assess(inputs[count++ % inputs.length], CURRENT_RULE_SET).score;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  if (sink === -1) console.log(sink); // keep the work observable to the optimiser
  return {
    assessmentsPerSecond: Math.round(count / seconds),
    assessments: count,
    seconds: +seconds.toFixed(2),
    averageVisits: +averageVisits.toFixed(1),
  };
}

// ------------------------------------------------------------------------------------------- (b) consumer
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function cloudEvent(type, subject, sequence, data) {
  const id = randomUUID();
  return {
    id,
    message: {
      key: subject,
      value: JSON.stringify(data),
      headers: {
        ce_id: id,
        ce_source: 'siaga/registration',
        ce_type: type,
        ce_subject: subject,
        ce_time: new Date().toISOString(),
        ce_specversion: '1.0',
        ce_sequence: String(sequence),
        'content-type': 'application/json',
      },
    },
  };
}

/** Rounds of events: round 0 registers every pregnancy, round k records visit k of each; one pregnancy's events stay in order. */
function eventRounds(pregnancies, visits) {
  const snapshots = Array.from({ length: pregnancies }, () => aSnapshot());
  const rounds = [
    snapshots.map((s) => cloudEvent(TYPES.registered, s.pregnancyId, 1, { pregnancy: s, registeredAt: new Date().toISOString() })),
  ];
  for (let k = 1; k <= visits; k++) {
    rounds.push(snapshots.map((s) => cloudEvent(TYPES.visit, s.pregnancyId, k + 1, { pregnancyId: s.pregnancyId, visit: aVisit(s.hpht) })));
  }
  return rounds;
}

async function cpuSnapshot(db, servicePid) {
  return snapshot({
    service: [servicePid],
    postgres: await postgresBackendPids(db),
    kafka: kafkaBrokerPids(brokers),
    bench: [process.pid],
  });
}
function cpuPerEvent(before, after, events) {
  const ms = cpuMsPer(before, after, events);
  return {
    serviceMs: ms.service,
    postgresMs: ms.postgres,
    kafkaBrokerMs: ms.kafka,
    benchProducerMs: ms.bench,
    machineBusyMs: ms.machineBusy,
    machineBusyPercent: ms.machineBusyPercent,
  };
}

const percentile = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

async function benchConsumer() {
  const id = randomBytes(4).toString('hex');
  const prefix = `bench${id}.`;
  const schema = `risk_scoring_bench_${id}`;
  const port = await freePort();
  const kafka = new kafkajs.Kafka({ clientId: 'siaga-bench', brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${prefix}bench-watch`, maxWaitTimeInMs: 50 });
  const produced = new Map(); // event id -> produce time (ms)
  const arrived = new Map(); // caused-by event id -> arrival time (ms)
  let child;
  const childLog = [];

  try {
    child = spawn(process.execPath, [process.env.BENCH_SERVICE_ENTRY ?? `${dist}/main.js`], {
      cwd: repo,
      env: {
        ...process.env,
        PORT: String(port),
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_TOPIC_PARTITIONS: String(opts.partitions),
        LOG_LEVEL: 'warn',
        SWAGGER_UI: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => childLog.push(String(chunk)));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    void exited.then((code) => {
      if (code !== null && code !== 0) console.error(`service exited with ${code}:\n${childLog.join('').slice(-3000)}`);
    });

    await waitFor('the service to be ready', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
    const pregnancyTopic = `${prefix}${PREGNANCY_TOPIC}`;
    const assessmentTopic = `${prefix}${ASSESSMENT_TOPIC}`;
    await waitFor('the service to create its topics', async () => {
      const topics = new Set(await admin.listTopics());
      return topics.has(pregnancyTopic) && topics.has(assessmentTopic);
    });
    await consumer.subscribe({ topics: [assessmentTopic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        for (const m of batch.messages) arrived.set(JSON.parse(m.value.toString()).causedBy.eventId, at);
      },
    });

    const send = async (events) => {
      const at = Date.now();
      for (const e of events) produced.set(e.id, at);
      await producer.send({ topic: pregnancyTopic, acks: -1, messages: events.map((e) => e.message) });
    };
    const allArrived = (events, timeoutMs) =>
      waitFor('every assessment event', async () => events.every((e) => arrived.has(e.id)), timeoutMs);

    // Warm-up: consumer group joined, relay running, JIT warm.
    const warmup = eventRounds(50, 1).flat();
    for (const round of [warmup.slice(0, 50), warmup.slice(50)]) await send(round);
    await allArrived(warmup, 120_000);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    // (b1) burst: everything at once, as fast as the producer goes.
    const burstRounds = eventRounds(opts.pregnancies, opts.visits);
    const burst = burstRounds.flat();
    const burstCpu = await cpuSnapshot(db, child.pid);
    const burstStart = Date.now();
    for (const round of burstRounds) for (let i = 0; i < round.length; i += 500) await send(round.slice(i, i + 500));
    const burstProduced = Date.now();
    await allArrived(burst, 300_000);
    const burstEnd = Math.max(...burst.map((e) => arrived.get(e.id)));
    const burstCpuPerEvent = cpuPerEvent(burstCpu, await cpuSnapshot(db, child.pid), burst.length);
    const burstSeconds = (burstEnd - burstStart) / 1000;

    // (b2) paced: --rate events/s for --paced-seconds, in 100 ms ticks; latency = produce to assessment on the topic.
    const perTick = Math.max(1, Math.round(opts.rate / 10));
    const pacedTotal = opts.rate * opts.pacedSeconds;
    const pacedPregnancies = Math.ceil(pacedTotal / (opts.visits + 1));
    const paced = eventRounds(pacedPregnancies, opts.visits).flat().slice(0, pacedTotal);
    const pacedCpu = await cpuSnapshot(db, child.pid);
    const pacedStart = Date.now();
    for (let i = 0, tick = 0; i < paced.length; i += perTick, tick++) {
      const wait = pacedStart + tick * 100 - Date.now();
      if (wait > 0) await sleep(wait);
      await send(paced.slice(i, i + perTick));
    }
    const pacedProduced = Date.now();
    await allArrived(paced, 300_000);
    const pacedEnd = Math.max(...paced.map((e) => arrived.get(e.id)));
    const pacedCpuPerEvent = cpuPerEvent(pacedCpu, await cpuSnapshot(db, child.pid), paced.length);
    const latencies = paced.map((e) => arrived.get(e.id) - produced.get(e.id)).sort((a, b) => a - b);
    const [{ assessments, anomalies }] = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM "${schema}".assessment) AS assessments, (SELECT count(*)::int FROM "${schema}".sequence_anomaly) AS anomalies`,
      )
    ).rows;
    await db.end();

    return {
      partitions: opts.partitions,
      burst: {
        events: burst.length,
        producedInSeconds: +((burstProduced - burstStart) / 1000).toFixed(2),
        allAssessedInSeconds: +burstSeconds.toFixed(2),
        eventsPerSecond: Math.round(burst.length / burstSeconds),
        cpuPerEvent: burstCpuPerEvent,
      },
      paced: {
        targetEventsPerSecond: opts.rate,
        events: paced.length,
        producedEventsPerSecond: Math.round(paced.length / ((pacedProduced - pacedStart) / 1000)),
        assessedEventsPerSecond: Math.round(paced.length / ((pacedEnd - pacedStart) / 1000)),
        lastAssessmentAfterLastProduceMs: pacedEnd - pacedProduced,
        latencyMs: {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.at(-1),
        },
        cpuPerEvent: pacedCpuPerEvent,
      },
      database: { assessments, sequenceAnomalies: anomalies },
    };
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (!opts.keep) {
      const topics = (await admin.listTopics().catch(() => [])).filter((t) => t.startsWith(prefix));
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.deleteGroups([`${prefix}risk-scoring.pregnancy-facts`, `${prefix}bench-watch`]).catch(() => undefined);
      const db = new pg.Client({ connectionString: databaseUrl });
      await db
        .connect()
        .then(() => db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))
        .catch(() => undefined);
      await db.end().catch(() => undefined);
    }
    await admin.disconnect().catch(() => undefined);
  }
}

const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
console.log(JSON.stringify({ machine, options: opts }));
const engine = benchEngine();
console.log(JSON.stringify({ engine }));
const consumerResult = await benchConsumer();
console.log(JSON.stringify({ consumer: consumerResult }, null, 2));
