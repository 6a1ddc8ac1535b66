#!/usr/bin/env node
// Local single-node Apache Kafka broker (KRaft, combined broker+controller) for
// development, tests and CI. No Docker, no Kafka tarball: the broker's jars come
// from Maven Central through scripts/kafka/pom.xml and run with the machine's Java.
//
//   node scripts/kafka/kafka.mjs start [--port 9092] [--data-dir DIR] [--timeout 60]
//   node scripts/kafka/kafka.mjs stop  [--data-dir DIR] [--timeout 30]
//   node scripts/kafka/kafka.mjs status [--port 9092] [--data-dir DIR] [--json]
//
//   import { startKafka, stopKafka, kafkaStatus } from './scripts/kafka/kafka.mjs';
//
// Kafka version: 4.4.0 (pom.xml), the newest kafka_2.13 release on Maven Central
// when this was written. Kafka 4.x needs Java 17+ for the broker.
// kafkajs 2.2.4 against it was checked end to end (admin createTopics/describe*/
// fetchOffsets/deleteTopics/deleteGroups, idempotent producer with acks -1, keyed
// messages with headers, gzip, consumer group with manual commits, a second member
// joining and rebalancing, transactions incl. sendOffsets and abort). Everything
// works with NO special client options: KIP-896 (Kafka 4.0) removed only old API
// versions, and kafkajs negotiates the newest version both sides know through
// ApiVersions; the versions it ends up using are all still served by 4.x
// (Produce v7, Fetch v11, Metadata v6, JoinGroup v5, SyncGroup v3, Heartbeat v3,
// OffsetCommit v5, OffsetFetch v4, ListOffsets v3, FindCoordinator v2,
// InitProducerId v1, CreateTopics v3, DeleteTopics v1, DescribeConfigs v2,
// AddPartitionsToTxn v1, EndTxn v1). So there was no need to fall back to 3.9.x.
// Client notes (not 4.x specific): idempotent producers need acks -1 (the kafkajs
// default); use maxInFlightRequests: 1 with them as kafkajs advises. Consumers
// only notice a rebalance between fetches, so tests should set a small
// maxWaitTimeInMs (e.g. 250) or a join takes ~5 s (the default fetch wait).
// The first InitProducerId / FindCoordinator on a fresh broker is answered with a
// retriable "coordinator is loading/not available" while __consumer_offsets or
// __transaction_state is created; kafkajs retries it and logs it at ERROR level.
//
// auto.create.topics.enable=false on purpose: tests and services create their
// topics explicitly (admin.createTopics), so a typo in a topic name fails loudly
// (UNKNOWN_TOPIC_OR_PARTITION) instead of silently creating a new topic.
//
// Layout (defaults; KAFKA_DATA_DIR / KAFKA_LIB_DIR / KAFKA_PORT override):
//   <repo>/.data/kafka/lib/         jars (shared by every data dir), .complete marker
//   <dataDir>/server.properties     regenerated on every start
//   <dataDir>/data/                 log.dirs (KRaft metadata + topic data)
//   <dataDir>/kafka.log             broker stdout/stderr (previous run: kafka.log.1)
//   <dataDir>/kafka.pid             pid of the java process this script started
//   <dataDir>/kafka.runtime.json    port, controller port, version of that process
// Ports: PLAINTEXT on 127.0.0.1:<port>, CONTROLLER on 127.0.0.1:<port+1>.

import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(SCRIPT_DIR, '..', '..');
const POM = path.join(SCRIPT_DIR, 'pom.xml');
const LOG4J_CONFIG = path.join(SCRIPT_DIR, 'log4j2.properties');
const HOST = '127.0.0.1';
const MAIN_CLASS = 'kafka.Kafka';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (msg) => console.log(msg);

// ---------------------------------------------------------------- options

function resolveOptions(opts = {}) {
  const port = Number(opts.port ?? process.env.KAFKA_PORT ?? 9092);
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new Error(`kafka: invalid port ${opts.port ?? process.env.KAFKA_PORT}`);
  }
  const dataDir = path.resolve(opts.dataDir ?? process.env.KAFKA_DATA_DIR ?? path.join(REPO_ROOT, '.data', 'kafka'));
  const libDir = path.resolve(opts.libDir ?? process.env.KAFKA_LIB_DIR ?? path.join(REPO_ROOT, '.data', 'kafka', 'lib'));
  return {
    port,
    controllerPort: port + 1,
    dataDir,
    libDir,
    logDir: path.join(dataDir, 'data'),
    propsFile: path.join(dataDir, 'server.properties'),
    logFile: path.join(dataDir, 'kafka.log'),
    pidFile: path.join(dataDir, 'kafka.pid'),
    runtimeFile: path.join(dataDir, 'kafka.runtime.json'),
    lockFile: path.join(dataDir, 'kafka.lock'),
    log: opts.log === undefined ? defaultLog : opts.log || (() => {}),
  };
}

export function kafkaVersion() {
  const m = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(POM, 'utf8'));
  if (!m) throw new Error(`kafka: no <kafka.version> in ${POM}`);
  return m[1].trim();
}

// ---------------------------------------------------------------- processes

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** True while the process exists and is not a zombie. */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): kill(0) said it exists
  }
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

/** Is pid the broker this script started for this data dir (guards against pid reuse)? */
function isOurBroker(pid, o) {
  if (!pid || !isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd.includes(MAIN_CLASS) && cmd.includes(o.propsFile);
}

function readRuntime(o) {
  try {
    return JSON.parse(fs.readFileSync(o.runtimeFile, 'utf8'));
  } catch {
    return null;
  }
}

function removeQuietly(...files) {
  for (const f of files) fs.rmSync(f, { force: true });
}

/** The pid from the pid file if it is our live broker; removes stale pid files. */
function ourPid(o) {
  const pid = readPid(o.pidFile);
  if (pid && isOurBroker(pid, o)) return pid;
  if (fs.existsSync(o.pidFile) || fs.existsSync(o.runtimeFile)) removeQuietly(o.pidFile, o.runtimeFile);
  return null;
}

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

// A small cross-process lock (O_EXCL file holding the owner's pid) so that two
// `start`s racing on one data dir (test runner + npm start) do not both launch.
async function withLock(file, timeoutMs, fn) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = readPid(file);
      if (!holder || (holder !== process.pid && !isAlive(holder))) {
        removeQuietly(file); // left by a process that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`kafka: ${file} is held by pid ${holder}; gave up waiting`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(file) === process.pid) removeQuietly(file);
  }
}

// ---------------------------------------------------------------- ports

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: HOST, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function portAnswers(port, ms = 500) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: HOST });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(ms, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

function whoListens(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const users = /users:\((.*)\)\s*$/m.exec(out);
    return users ? users[1] : out.trim().split('\n')[0] || '';
  } catch {
    return '';
  }
}

async function assertPortsFree(o) {
  for (const [what, port] of [
    ['broker', o.port],
    ['controller (port+1)', o.controllerPort],
  ]) {
    if (!(await portFree(port))) {
      const who = whoListens(port);
      throw new Error(
        `kafka: ${what} port ${HOST}:${port} is already in use by another process` +
          (who ? ` (${who})` : '') +
          `, not by the broker of ${o.dataDir}. Stop that process, or choose other ports with ` +
          `KAFKA_PORT=<n> / --port <n> (the controller listens on n+1).`,
      );
    }
  }
}

// ---------------------------------------------------------------- kafkajs probe

let kafkajsModule;
async function loadKafkajs() {
  kafkajsModule ??= (await import('kafkajs')).default;
  return kafkajsModule;
}

/** describeCluster against the broker; returns { clusterId, brokers, controller } or null. */
async function probe(port, timeoutMs = 3000) {
  if (!(await portAnswers(port))) return null;
  const { Kafka, logLevel } = await loadKafkajs();
  const kafka = new Kafka({
    clientId: 'siaga-kafka-launcher',
    brokers: [`${HOST}:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(1000, timeoutMs),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return c && c.brokers.length > 0 && c.controller !== null && c.controller >= 0 ? c : null;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function storedClusterId(o) {
  try {
    const m = /^cluster\.id=(.+)$/m.exec(fs.readFileSync(path.join(o.logDir, 'meta.properties'), 'utf8'));
    return m ? m[1].trim() : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- jars

function pomDigest(version) {
  return createHash('sha256').update(fs.readFileSync(POM)).update(`\0${version}`).digest('hex');
}

/**
 * Makes sure the broker's jars are in libDir (fetched with Maven from Maven
 * Central, into ~/.m2 and copied here). Skips all work when the marker matches.
 */
export async function ensureKafkaJars(opts = {}) {
  const o = resolveOptions(opts);
  const version = kafkaVersion();
  const marker = path.join(o.libDir, '.complete');
  const want = { kafka: version, pom: pomDigest(version) };
  const ok = () => {
    try {
      const have = JSON.parse(fs.readFileSync(marker, 'utf8'));
      return have.pom === want.pom && fs.readdirSync(o.libDir).some((f) => f.startsWith(`kafka_2.13-${version}`));
    } catch {
      return false;
    }
  };
  if (ok()) return { libDir: o.libDir, version, fetched: false };
  return withLock(`${o.libDir}.lock`, 10 * 60_000, async () => {
    if (ok()) return { libDir: o.libDir, version, fetched: false };
    const t0 = Date.now();
    o.log(`kafka: fetching Kafka ${version} jars with Maven into ${o.libDir} ...`);
    const tmp = `${o.libDir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const mvn = process.env.MVN || 'mvn';
    const args = ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'];
    const res = await new Promise((resolve) => {
      const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', (e) => resolve({ code: -1, out: `${out}\n${e.message}` }));
      child.on('close', (code) => resolve({ code, out }));
    });
    if (res.code !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(`kafka: '${mvn} ${args.join(' ')}' failed (exit ${res.code}):\n${res.out.trim()}`);
    }
    fs.writeFileSync(path.join(tmp, '.complete'), JSON.stringify({ ...want, fetchedAt: new Date().toISOString() }) + '\n');
    fs.rmSync(o.libDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(o.libDir), { recursive: true });
    fs.renameSync(tmp, o.libDir);
    o.log(`kafka: jars ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    return { libDir: o.libDir, version, fetched: true };
  });
}

// ---------------------------------------------------------------- config

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function assertJava17() {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`kafka: cannot run '${javaBin()}' (${r.error.message}); Kafka 4 needs Java 17+`);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  const major = m ? (Number(m[1]) === 1 ? Number(m[2]) : Number(m[1])) : 0;
  if (major && major < 17) throw new Error(`kafka: Kafka 4 needs Java 17+, '${javaBin()}' is Java ${major}; set JAVA_HOME`);
}

function serverProperties(o) {
  const p = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `${HOST}:${o.controllerPort}`,
    listeners: `PLAINTEXT://${HOST}:${o.port},CONTROLLER://${HOST}:${o.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${o.port},CONTROLLER://${HOST}:${o.controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': o.logDir,
    // After a crash (kill -9, CI teardown) the controller keeps the dead broker's
    // registration until its session expires, and only then lets the new process
    // register: 9 s by default. 3 s keeps a restart after a crash short.
    'broker.session.timeout.ms': 3000,
    'broker.heartbeat.interval.ms': 500,
    // small machine (2 cores): fewer threads than the defaults
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    // topics
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': false, // see the comment at the top of this file
    'delete.topic.enable': true,
    // single node: internal topics with RF 1 and few partitions (fast first join)
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 5,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 5,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // modest retention for a dev box: 24 h or 256 MiB per partition, 64 MiB segments
    'log.retention.hours': 24,
    'log.retention.bytes': 256 * 1024 * 1024,
    'log.segment.bytes': 64 * 1024 * 1024,
    'log.retention.check.interval.ms': 5 * 60_000,
  };
  return (
    `# Generated by scripts/kafka/kafka.mjs on every start; edits are overwritten.\n` +
    Object.entries(p)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') +
    '\n'
  );
}

function randomClusterId() {
  // Kafka's Uuid: 16 random bytes, base64url without padding (22 chars), not starting with '-'.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorage(o, cp) {
  if (storedClusterId(o)) return false;
  fs.rmSync(o.logDir, { recursive: true, force: true }); // partial / half-formatted leftovers
  const clusterId = randomClusterId();
  const r = spawnSync(
    javaBin(),
    [
      `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
      '-cp',
      cp,
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      clusterId,
      '-c',
      o.propsFile,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new Error(`kafka: storage format failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.trim()}`);
  }
  return true;
}

function logTail(o, lines = 40) {
  try {
    return fs.readFileSync(o.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------- API

/**
 * Starts the broker (idempotent) and resolves once it answers describeCluster.
 * @param {{port?: number, dataDir?: string, libDir?: string, timeoutMs?: number,
 *          log?: ((msg: string) => void) | false}} [opts]
 * @returns {Promise<{port: number, brokers: string[], pid: number, dataDir: string,
 *          clusterId: string, version: string, logFile: string, alreadyRunning: boolean, ms: number}>}
 */
export async function startKafka(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.KAFKA_START_TIMEOUT_MS ?? 60_000);
  const t0 = Date.now();
  fs.mkdirSync(o.dataDir, { recursive: true });

  const result = await withLock(o.lockFile, Math.max(timeoutMs + 30_000, 10 * 60_000), async () => {
    const running = ourPid(o);
    if (running) {
      const rt = readRuntime(o);
      if (rt && rt.port !== o.port) {
        throw new Error(
          `kafka: the broker of ${o.dataDir} is already running on port ${rt.port} (pid ${running}), ` +
            `not ${o.port}; stop it first or use another data dir`,
        );
      }
      const info = await waitReady(o, running, timeoutMs);
      return { pid: running, info, alreadyRunning: true, version: rt?.version ?? kafkaVersion() };
    }

    const { libDir, version } = await ensureKafkaJars({ ...opts, libDir: o.libDir, log: o.log });
    assertJava17();
    await assertPortsFree(o);

    fs.writeFileSync(o.propsFile, serverProperties(o));
    const cp = `${libDir}${path.sep}*`;
    if (formatStorage(o, cp)) o.log(`kafka: formatted new KRaft storage in ${o.logDir}`);

    if (fs.existsSync(o.logFile) && fs.statSync(o.logFile).size > 0) fs.renameSync(o.logFile, `${o.logFile}.1`);
    const out = fs.openSync(o.logFile, 'a');
    fs.writeSync(out, `=== ${new Date().toISOString()} kafka ${version} on ${HOST}:${o.port} ===\n`);
    const heap = (process.env.KAFKA_HEAP_OPTS || '-Xms128m -Xmx512m').split(/\s+/).filter(Boolean);
    const extra = (process.env.KAFKA_OPTS || '').split(/\s+/).filter(Boolean);
    const args = [
      ...heap,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
      `-Dkafka.logs.dir=${path.join(o.dataDir, 'logs')}`,
      ...extra,
      '-cp',
      cp,
      MAIN_CLASS,
      o.propsFile,
    ];
    const child = spawn(javaBin(), args, { cwd: o.dataDir, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    child.unref();
    await sleep(0);
    if (spawnError || !child.pid) throw new Error(`kafka: could not start ${javaBin()}: ${spawnError?.message}`);
    fs.writeFileSync(o.pidFile, `${child.pid}\n`);
    fs.writeFileSync(
      o.runtimeFile,
      JSON.stringify(
        { pid: child.pid, port: o.port, controllerPort: o.controllerPort, version, startedAt: new Date().toISOString() },
        null,
        2,
      ) + '\n',
    );
    try {
      const info = await waitReady(o, child.pid, timeoutMs);
      return { pid: child.pid, info, alreadyRunning: false, version };
    } catch (e) {
      await stopPid(o, child.pid, 10_000);
      removeQuietly(o.pidFile, o.runtimeFile);
      throw e;
    }
  });

  const ms = Date.now() - t0;
  o.log(
    result.alreadyRunning
      ? `kafka: already running (pid ${result.pid})`
      : `kafka: started Kafka ${result.version} (pid ${result.pid}) in ${(ms / 1000).toFixed(1)}s, log ${o.logFile}`,
  );
  o.log(`kafka ready on ${HOST}:${o.port}`);
  return {
    port: o.port,
    brokers: [`${HOST}:${o.port}`],
    pid: result.pid,
    dataDir: o.dataDir,
    clusterId: result.info.clusterId,
    version: result.version,
    logFile: o.logFile,
    alreadyRunning: result.alreadyRunning,
    ms,
  };
}

async function waitReady(o, pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const expected = storedClusterId(o);
  for (;;) {
    if (!isAlive(pid)) {
      throw new Error(`kafka: broker (pid ${pid}) exited during startup. Last lines of ${o.logFile}:\n${logTail(o)}`);
    }
    const info = await probe(o.port);
    if (info) {
      if (expected && info.clusterId !== expected) {
        throw new Error(
          `kafka: ${HOST}:${o.port} answers with cluster id ${info.clusterId}, but ${o.dataDir} holds ${expected}: ` +
            `another Kafka is on this port`,
        );
      }
      return info;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `kafka: broker (pid ${pid}) not ready on ${HOST}:${o.port} after ${timeoutMs / 1000}s. Last lines of ${o.logFile}:\n${logTail(o)}`,
      );
    }
    await sleep(250);
  }
}

async function stopPid(o, pid, timeoutMs) {
  const t0 = Date.now();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  let forced = false;
  if (!(await waitForExit(pid, timeoutMs))) {
    o.log(`kafka: pid ${pid} still running after ${timeoutMs / 1000}s, sending SIGKILL`);
    forced = true;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    if (!(await waitForExit(pid, 10_000))) throw new Error(`kafka: pid ${pid} survived SIGKILL`);
  }
  return { forced, ms: Date.now() - t0 };
}

/**
 * Stops the broker this script started for dataDir (pid file only; never anything else).
 * @param {{dataDir?: string, timeoutMs?: number, log?: ((msg: string) => void) | false}} [opts]
 * @returns {Promise<{stopped: boolean, pid: number|null, forced: boolean, ms: number}>}
 */
export async function stopKafka(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.KAFKA_STOP_TIMEOUT_MS ?? 30_000);
  if (!fs.existsSync(o.dataDir)) {
    o.log('kafka: not running');
    return { stopped: false, pid: null, forced: false, ms: 0 };
  }
  return withLock(o.lockFile, timeoutMs + 90_000, async () => {
    const pid = ourPid(o);
    if (!pid) {
      o.log('kafka: not running');
      return { stopped: false, pid: null, forced: false, ms: 0 };
    }
    const { forced, ms } = await stopPid(o, pid, timeoutMs);
    removeQuietly(o.pidFile, o.runtimeFile);
    o.log(`kafka: stopped (pid ${pid}) in ${(ms / 1000).toFixed(1)}s${forced ? ' (SIGKILL)' : ''}`);
    return { stopped: true, pid, forced, ms };
  });
}

/**
 * @param {{port?: number, dataDir?: string}} [opts]
 * @returns {Promise<{running: boolean, ready: boolean, pid: number|null, port: number,
 *          brokers: string[], dataDir: string, clusterId: string|null, version: string|null,
 *          portInUseByOther: boolean, logFile: string}>}
 */
export async function kafkaStatus(opts = {}) {
  const o = resolveOptions(opts);
  const pid = fs.existsSync(o.dataDir) ? ourPid(o) : null;
  const rt = pid ? readRuntime(o) : null;
  const port = rt?.port ?? o.port;
  const info = pid ? await probe(port) : null;
  const portInUseByOther = !pid && !(await portFree(o.port));
  return {
    running: Boolean(pid),
    ready: Boolean(info),
    pid,
    port,
    brokers: [`${HOST}:${port}`],
    dataDir: o.dataDir,
    clusterId: info?.clusterId ?? storedClusterId(o),
    version: rt?.version ?? null,
    portInUseByOther,
    logFile: o.logFile,
  };
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') opts.port = Number(value());
    else if (flag === '--data-dir') opts.dataDir = value();
    else if (flag === '--lib-dir') opts.libDir = value();
    else if (flag === '--timeout') opts.timeoutMs = Number(value()) * 1000;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--quiet' || flag === '-q') opts.log = false;
    else rest.push(a);
  }
  return { cmd: rest[0], opts };
}

async function main() {
  const { cmd, opts } = parseArgs(process.argv.slice(2));
  if (cmd === 'start') {
    await startKafka(opts);
  } else if (cmd === 'stop') {
    await stopKafka(opts);
  } else if (cmd === 'status') {
    const s = await kafkaStatus(opts);
    if (opts.json) console.log(JSON.stringify(s, null, 2));
    else if (s.running)
      console.log(`kafka: running (pid ${s.pid}) on ${s.brokers[0]}, ${s.ready ? 'ready' : 'NOT answering'}, data ${s.dataDir}`);
    else console.log(`kafka: not running (data ${s.dataDir})${s.portInUseByOther ? `; port ${s.port} is in use by another process` : ''}`);
    process.exitCode = s.running && s.ready ? 0 : s.running ? 1 : 3;
  } else {
    console.error(
      'usage: node scripts/kafka/kafka.mjs start|stop|status [--port N] [--data-dir DIR] [--timeout SECONDS] [--json] [--quiet]',
    );
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
