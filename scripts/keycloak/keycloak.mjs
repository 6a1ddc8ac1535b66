#!/usr/bin/env node
// Local Keycloak (the identity provider) for development, tests and CI, started like the local Kafka:
// no Docker; the Quarkus distribution (a zip) comes from Maven Central through scripts/keycloak/pom.xml
// and runs with the machine's Java (17+; Keycloak 26.7 runs on 17 and 21).
//
//   node scripts/keycloak/keycloak.mjs start [--port 8180] [--data-dir DIR] [--timeout 180]
//   node scripts/keycloak/keycloak.mjs stop  [--data-dir DIR] [--timeout 30]
//   node scripts/keycloak/keycloak.mjs status [--port 8180] [--data-dir DIR] [--json]
//
//   import { startKeycloak, stopKeycloak, keycloakStatus } from './scripts/keycloak/keycloak.mjs';
//
// Production mode (`kc.sh start --optimized`), not start-dev: the build step (`kc.sh build`, ~40 s) runs
// once per distribution and options; later starts skip it (~11-20 s). HTTP only, on 127.0.0.1, with a
// fixed hostname so the issuer is http://127.0.0.1:<port>/realms/siaga whoever asks.
//
// Storage: Keycloak's dev file store (H2) in <dataDir>/h2, not the project's PostgreSQL. The launcher then
// stands alone like the Kafka one (no start order, no database credentials, the test runner's fresh
// databases never carry accounts), and `rm -rf .data/keycloak` resets it. docker-compose.yml runs the
// official image on PostgreSQL (a database of its own), as production would.
//
// The realm: keycloak/siaga-realm.json, imported through the admin REST API once Keycloak answers
// (so the data dir, not the distribution, holds it); re-imported when the file changed (a digest is kept
// as a realm attribute). Admin access: a bootstrap service-account client in the master realm whose
// secret is generated into <dataDir>/admin.json (mode 0600, never committed).
//
// Layout (defaults; KEYCLOAK_DATA_DIR / KEYCLOAK_DIST_DIR / KEYCLOAK_PORT override):
//   <repo>/.data/keycloak/dist/keycloak-<version>/   the distribution, .complete and .built markers
//   <dataDir>/h2/                  the database
//   <dataDir>/admin.json           bootstrap admin client id and secret
//   <dataDir>/keycloak.log         stdout/stderr (previous run: keycloak.log.1)
//   <dataDir>/keycloak.pid         pid of the kc.sh process group this script started
//   <dataDir>/keycloak.runtime.json  port, version, url of that process
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REALM, REALM_FILE, ensureRealm, keycloakAdmin, discover } from './admin.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(SCRIPT_DIR, '..', '..');
const POM = path.join(SCRIPT_DIR, 'pom.xml');
const HOST = '127.0.0.1';
const ADMIN_CLIENT_ID = 'siaga-bootstrap-admin';
// Build-time options (`kc.sh build`); changing them triggers a new build.
const BUILD_OPTIONS = ['--db=dev-file', '--cache=local', '--health-enabled=false', '--metrics-enabled=false'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (msg) => console.log(msg);

// ---------------------------------------------------------------- options

function resolveOptions(opts = {}) {
  const port = Number(opts.port ?? process.env.KEYCLOAK_PORT ?? 8180);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`keycloak: invalid port ${opts.port ?? process.env.KEYCLOAK_PORT}`);
  }
  const dataDir = path.resolve(opts.dataDir ?? process.env.KEYCLOAK_DATA_DIR ?? path.join(REPO_ROOT, '.data', 'keycloak'));
  const distRoot = path.resolve(opts.distDir ?? process.env.KEYCLOAK_DIST_DIR ?? path.join(REPO_ROOT, '.data', 'keycloak', 'dist'));
  return {
    port,
    url: `http://${HOST}:${port}`,
    dataDir,
    distRoot,
    dbFile: path.join(dataDir, 'h2', 'keycloakdb'),
    adminFile: path.join(dataDir, 'admin.json'),
    logFile: path.join(dataDir, 'keycloak.log'),
    pidFile: path.join(dataDir, 'keycloak.pid'),
    runtimeFile: path.join(dataDir, 'keycloak.runtime.json'),
    lockFile: path.join(dataDir, 'keycloak.lock'),
    log: opts.log === undefined ? defaultLog : opts.log || (() => {}),
  };
}

export function keycloakVersion() {
  const m = /<keycloak\.version>([^<]+)<\/keycloak\.version>/.exec(fs.readFileSync(POM, 'utf8'));
  if (!m) throw new Error(`keycloak: no <keycloak.version> in ${POM}`);
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
    return true;
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

/** Is pid the kc.sh this script started for this data dir (guards against pid reuse)? */
function isOurs(pid, o) {
  if (!pid || !isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd.includes('kc.sh') && cmd.includes(o.dbFile);
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

function ourPid(o) {
  const pid = readPid(o.pidFile);
  if (pid && isOurs(pid, o)) return pid;
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

// Cross-process lock (O_EXCL file holding the owner's pid): the test runner and npm start may race.
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
        removeQuietly(file);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`keycloak: ${file} is held by pid ${holder}; gave up waiting`);
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

function whoListens(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const users = /users:\((.*)\)\s*$/m.exec(out);
    return users ? users[1] : out.trim().split('\n')[0] || '';
  } catch {
    return '';
  }
}

/** The master realm's discovery document answers: Keycloak is up. */
async function answers(url, timeoutMs = 2000) {
  try {
    const res = await fetch(`${url}/realms/master/.well-known/openid-configuration`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- distribution

function pomDigest(version) {
  return createHash('sha256').update(fs.readFileSync(POM)).update(`\0${version}`).digest('hex');
}

async function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ code: -1, out: `${out}\n${e.message}` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * Makes sure the distribution is unpacked (Maven from Maven Central, cached in ~/.m2) and built with
 * BUILD_OPTIONS. Skips all work when the markers match.
 */
export async function ensureKeycloakDist(opts = {}) {
  const o = resolveOptions(opts);
  const version = keycloakVersion();
  const home = path.join(o.distRoot, `keycloak-${version}`);
  const unpacked = path.join(o.distRoot, '.complete');
  const built = path.join(home, '.built');
  const wantUnpacked = JSON.stringify({ keycloak: version, pom: pomDigest(version) });
  const wantBuilt = JSON.stringify({ keycloak: version, options: BUILD_OPTIONS });
  const matches = (file, want) => {
    try {
      return fs.readFileSync(file, 'utf8').trim() === want && fs.existsSync(path.join(home, 'bin', 'kc.sh'));
    } catch {
      return false;
    }
  };
  if (matches(unpacked, wantUnpacked) && matches(built, wantBuilt)) return { home, version, fetched: false, built: false };
  return withLock(`${o.distRoot}.lock`, 15 * 60_000, async () => {
    let fetched = false;
    if (!matches(unpacked, wantUnpacked)) {
      const t0 = Date.now();
      o.log(`keycloak: fetching Keycloak ${version} with Maven into ${o.distRoot} ...`);
      const tmp = `${o.distRoot}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      const mvn = process.env.MVN || 'mvn';
      // markers in tmp, not in scripts/keycloak/target (the plugin skips what its markers say is unpacked)
      const args = ['-q', '-B', '-f', POM, 'dependency:unpack', `-DoutputDirectory=${tmp}`, `-Dsiaga.markers=${tmp}.markers`];
      const res = await run(mvn, args);
      fs.rmSync(`${tmp}.markers`, { recursive: true, force: true });
      if (res.code !== 0) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw new Error(`keycloak: '${mvn} ${args.join(' ')}' failed (exit ${res.code}):\n${res.out.trim()}`);
      }
      fs.chmodSync(path.join(tmp, `keycloak-${version}`, 'bin', 'kc.sh'), 0o755);
      fs.writeFileSync(path.join(tmp, '.complete'), `${wantUnpacked}\n`);
      fs.rmSync(o.distRoot, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(o.distRoot), { recursive: true });
      fs.renameSync(tmp, o.distRoot);
      o.log(`keycloak: distribution ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      fetched = true;
    }
    if (!matches(built, wantBuilt)) {
      const t0 = Date.now();
      o.log(`keycloak: building the server (${BUILD_OPTIONS.join(' ')}), once ...`);
      const res = await run(path.join(home, 'bin', 'kc.sh'), ['build', ...BUILD_OPTIONS], { env: javaEnv() });
      if (res.code !== 0)
        throw new Error(`keycloak: kc.sh build failed (exit ${res.code}):\n${res.out.trim().split('\n').slice(-30).join('\n')}`);
      fs.writeFileSync(built, `${wantBuilt}\n`);
      o.log(`keycloak: built (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
    return { home, version, fetched, built: true };
  });
}

// ---------------------------------------------------------------- java

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function javaEnv() {
  return { ...process.env, JAVA: javaBin() };
}

function assertJava17() {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`keycloak: cannot run '${javaBin()}' (${r.error.message}); Keycloak 26 needs Java 17+`);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  const major = m ? (Number(m[1]) === 1 ? Number(m[2]) : Number(m[1])) : 0;
  if (major && major < 17) throw new Error(`keycloak: Keycloak 26 needs Java 17+, '${javaBin()}' is Java ${major}; set JAVA_HOME`);
}

// ---------------------------------------------------------------- admin credentials

/** The bootstrap admin client of this data dir: created on the first start, kept mode 0600. */
function adminCredentials(o) {
  try {
    return JSON.parse(fs.readFileSync(o.adminFile, 'utf8'));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(o.dataDir, { recursive: true });
  const credentials = { clientId: ADMIN_CLIENT_ID, clientSecret: randomBytes(32).toString('base64url') };
  fs.writeFileSync(o.adminFile, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  return credentials;
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
 * Starts Keycloak (idempotent), waits until it answers, and imports or updates the siaga realm.
 * @param {{port?: number, dataDir?: string, distDir?: string, timeoutMs?: number,
 *          log?: ((msg: string) => void) | false}} [opts]
 */
export async function startKeycloak(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.KEYCLOAK_START_TIMEOUT_MS ?? 240_000);
  const t0 = Date.now();
  fs.mkdirSync(o.dataDir, { recursive: true });

  const result = await withLock(o.lockFile, timeoutMs + 15 * 60_000, async () => {
    const running = ourPid(o);
    const credentials = adminCredentials(o);
    if (running) {
      const rt = readRuntime(o);
      if (rt && rt.port !== o.port) {
        throw new Error(
          `keycloak: the Keycloak of ${o.dataDir} is already running on port ${rt.port} (pid ${running}), not ${o.port}; stop it first`,
        );
      }
      await waitReady(o, running, timeoutMs);
      return { pid: running, alreadyRunning: true, version: rt?.version ?? keycloakVersion(), credentials };
    }

    const { home, version } = await ensureKeycloakDist({ ...opts, distDir: o.distRoot, log: o.log });
    assertJava17();
    if (!(await portFree(o.port))) {
      const who = whoListens(o.port);
      throw new Error(
        `keycloak: port ${HOST}:${o.port} is already in use` +
          (who ? ` (${who})` : '') +
          `, not by the Keycloak of ${o.dataDir}. Stop that process, choose another port with KEYCLOAK_PORT=<n>, ` +
          `or use a running Keycloak with KEYCLOAK_URL=<url>.`,
      );
    }

    if (fs.existsSync(o.logFile) && fs.statSync(o.logFile).size > 0) fs.renameSync(o.logFile, `${o.logFile}.1`);
    const out = fs.openSync(o.logFile, 'a');
    fs.writeSync(out, `=== ${new Date().toISOString()} keycloak ${version} on ${o.url} ===\n`);
    const args = [
      'start',
      '--optimized',
      '--http-enabled=true',
      `--http-host=${HOST}`,
      `--http-port=${o.port}`,
      `--hostname=${o.url}`,
      `--db-url=jdbc:h2:file:${o.dbFile};NON_KEYWORDS=VALUE`,
      '--cache=local', // one node: no JGroups cluster (it would listen on 7800 and 57800 on every interface)
      '--log-level=info,org.keycloak.events:warn',
    ];
    const child = spawn(path.join(home, 'bin', 'kc.sh'), args, {
      cwd: o.dataDir,
      detached: true, // its own process group: stop() signals kc.sh and the JVM it forks, nothing else
      stdio: ['ignore', out, out],
      env: {
        ...javaEnv(),
        JAVA_OPTS_KC_HEAP: process.env.KEYCLOAK_HEAP_OPTS || '-Xms64m -Xmx512m',
        KC_BOOTSTRAP_ADMIN_CLIENT_ID: credentials.clientId,
        KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: credentials.clientSecret,
      },
    });
    fs.closeSync(out);
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    child.unref();
    await sleep(0);
    if (spawnError || !child.pid) throw new Error(`keycloak: could not start kc.sh: ${spawnError?.message}`);
    fs.writeFileSync(o.pidFile, `${child.pid}\n`);
    fs.writeFileSync(
      o.runtimeFile,
      JSON.stringify({ pid: child.pid, port: o.port, url: o.url, version, startedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    try {
      await waitReady(o, child.pid, timeoutMs);
      return { pid: child.pid, alreadyRunning: false, version, credentials };
    } catch (e) {
      await stopGroup(o, child.pid, 10_000);
      removeQuietly(o.pidFile, o.runtimeFile);
      throw e;
    }
  });

  const admin = keycloakAdmin({ url: o.url, ...result.credentials });
  const realm = await ensureRealm(admin, { replaceOutdated: true, log: o.log });
  const ms = Date.now() - t0;
  o.log(
    result.alreadyRunning
      ? `keycloak: already running (pid ${result.pid})`
      : `keycloak: started Keycloak ${result.version} (pid ${result.pid}) in ${(ms / 1000).toFixed(1)}s, log ${o.logFile}`,
  );
  o.log(`keycloak ready on ${o.url} (realm ${REALM}${realm.imported ? `, imported from ${path.relative(REPO_ROOT, REALM_FILE)}` : ''})`);
  return {
    url: o.url,
    port: o.port,
    pid: result.pid,
    dataDir: o.dataDir,
    version: result.version,
    logFile: o.logFile,
    alreadyRunning: result.alreadyRunning,
    admin: result.credentials,
    ms,
  };
}

async function waitReady(o, pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive(pid)) throw new Error(`keycloak: kc.sh (pid ${pid}) exited during startup. Last lines of ${o.logFile}:\n${logTail(o)}`);
    if (await answers(o.url)) return;
    if (Date.now() > deadline) {
      throw new Error(`keycloak: not ready on ${o.url} after ${timeoutMs / 1000}s. Last lines of ${o.logFile}:\n${logTail(o)}`);
    }
    await sleep(500);
  }
}

/** SIGTERM to the process group kc.sh leads (kc.sh forwards it to the JVM), SIGKILL after timeoutMs. */
async function stopGroup(o, pid, timeoutMs) {
  const t0 = Date.now();
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* gone */
      }
    }
  };
  signal('SIGTERM');
  let forced = false;
  if (!(await waitForExit(pid, timeoutMs))) {
    o.log(`keycloak: pid ${pid} still running after ${timeoutMs / 1000}s, sending SIGKILL`);
    forced = true;
    signal('SIGKILL');
    if (!(await waitForExit(pid, 10_000))) throw new Error(`keycloak: pid ${pid} survived SIGKILL`);
  }
  // the JVM is a child in the same group: wait until nothing of the group is left
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      break;
    }
    await sleep(100);
  }
  return { forced, ms: Date.now() - t0 };
}

/**
 * Stops the Keycloak this script started for dataDir (pid file only; never anything else).
 * @param {{dataDir?: string, timeoutMs?: number, log?: ((msg: string) => void) | false}} [opts]
 */
export async function stopKeycloak(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.KEYCLOAK_STOP_TIMEOUT_MS ?? 30_000);
  if (!fs.existsSync(o.dataDir)) {
    o.log('keycloak: not running');
    return { stopped: false, pid: null, forced: false, ms: 0 };
  }
  return withLock(o.lockFile, timeoutMs + 15 * 60_000, async () => {
    const pid = ourPid(o);
    if (!pid) {
      o.log('keycloak: not running');
      return { stopped: false, pid: null, forced: false, ms: 0 };
    }
    const { forced, ms } = await stopGroup(o, pid, timeoutMs);
    removeQuietly(o.pidFile, o.runtimeFile);
    o.log(`keycloak: stopped (pid ${pid}) in ${(ms / 1000).toFixed(1)}s${forced ? ' (SIGKILL)' : ''}`);
    return { stopped: true, pid, forced, ms };
  });
}

/** @param {{port?: number, dataDir?: string}} [opts] */
export async function keycloakStatus(opts = {}) {
  const o = resolveOptions(opts);
  const pid = fs.existsSync(o.dataDir) ? ourPid(o) : null;
  const rt = pid ? readRuntime(o) : null;
  const port = rt?.port ?? o.port;
  const url = `http://${HOST}:${port}`;
  const ready = pid ? await answers(url) : false;
  return {
    running: Boolean(pid),
    ready,
    pid,
    port,
    url,
    dataDir: o.dataDir,
    version: rt?.version ?? null,
    portInUseByOther: !pid && !(await portFree(o.port)),
    logFile: o.logFile,
  };
}

/** The admin credentials of the local Keycloak of dataDir (null before its first start). */
export function localAdminCredentials(opts = {}) {
  const o = resolveOptions(opts);
  try {
    return JSON.parse(fs.readFileSync(o.adminFile, 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- which Keycloak

/** Admin credentials from KEYCLOAK_ADMIN_CLIENT_ID/_SECRET or KEYCLOAK_ADMIN_USERNAME/_PASSWORD, else null. */
export function adminFromEnv(env = process.env) {
  if (env.KEYCLOAK_ADMIN_CLIENT_ID && env.KEYCLOAK_ADMIN_CLIENT_SECRET) {
    return { clientId: env.KEYCLOAK_ADMIN_CLIENT_ID, clientSecret: env.KEYCLOAK_ADMIN_CLIENT_SECRET };
  }
  if (env.KEYCLOAK_ADMIN_USERNAME && env.KEYCLOAK_ADMIN_PASSWORD) {
    return { username: env.KEYCLOAK_ADMIN_USERNAME, password: env.KEYCLOAK_ADMIN_PASSWORD };
  }
  return null;
}

/**
 * The Keycloak to use: KEYCLOAK_URL when set (its realm is imported when missing, never replaced), else the
 * local one, started when `start` (idempotent). Issuer and JWKS URL come from the realm's discovery document.
 * @returns {Promise<{url: string, issuer: string, jwksUrl: string, admin: ReturnType<typeof keycloakAdmin> | null,
 *          adminCredentials: object | null, local: boolean, startedHere: boolean}>}
 */
export async function useKeycloak({ env = process.env, start = true, log } = {}) {
  if (env.KEYCLOAK_URL) {
    const url = env.KEYCLOAK_URL.replace(/\/$/, '');
    const credentials = adminFromEnv(env) ?? (url === resolveOptions({ log: false }).url ? localAdminCredentials() : null);
    const admin = credentials ? keycloakAdmin({ url, ...credentials }) : null;
    if (admin) await ensureRealm(admin, { replaceOutdated: false, log: log || (() => {}) });
    return { url, ...(await discover(url)), admin, adminCredentials: credentials, local: false, startedHere: false };
  }
  if (!start) {
    const status = await keycloakStatus();
    if (!status.ready) throw new Error('keycloak: the local Keycloak is not running (npm start or npm run keycloak:start starts it)');
  }
  const k = start ? await startKeycloak({ log }) : null;
  const url = k?.url ?? resolveOptions({ log: false }).url;
  const credentials = k?.admin ?? localAdminCredentials();
  return {
    url,
    ...(await discover(url)),
    admin: keycloakAdmin({ url, ...credentials }),
    adminCredentials: credentials,
    local: true,
    startedHere: Boolean(k && !k.alreadyRunning),
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
    else if (flag === '--dist-dir') opts.distDir = value();
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
    await startKeycloak(opts);
  } else if (cmd === 'stop') {
    await stopKeycloak(opts);
  } else if (cmd === 'status') {
    const s = await keycloakStatus(opts);
    if (opts.json) console.log(JSON.stringify(s, null, 2));
    else if (s.running)
      console.log(`keycloak: running (pid ${s.pid}) on ${s.url}, ${s.ready ? 'ready' : 'NOT answering'}, data ${s.dataDir}`);
    else
      console.log(`keycloak: not running (data ${s.dataDir})${s.portInUseByOther ? `; port ${s.port} is in use by another process` : ''}`);
    process.exitCode = s.running && s.ready ? 0 : s.running ? 1 : 3;
  } else {
    console.error(
      'usage: node scripts/keycloak/keycloak.mjs start|stop|status [--port N] [--data-dir DIR] [--timeout SECONDS] [--json] [--quiet]',
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
