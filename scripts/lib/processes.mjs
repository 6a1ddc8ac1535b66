// Process helpers: liveness by pid, a cross-process lock file, and supervised child
// processes whose output lines are prefixed with their name.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { sleep } from './wait.mjs';

/** True while the process exists and is not a zombie. */
export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): kill(0) said it exists
  }
}

/** The command line of a process ('' when unknown). */
export function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  }
}

/** The first line of a pid file as a pid, or null. */
export function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

export async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Sends the signals in turn, each followed by a grace period, until pid is gone.
 * @param {number} pid
 * @param {Array<[NodeJS.Signals, number]>} steps e.g. [['SIGTERM', 10_000], ['SIGKILL', 5_000]]
 * @returns {Promise<{signal: string | null, ms: number}>} the signal that ended it
 */
export async function terminate(pid, steps) {
  const t0 = Date.now();
  for (const [signal, graceMs] of steps) {
    if (!isAlive(pid)) return { signal: null, ms: Date.now() - t0 };
    try {
      process.kill(pid, signal);
    } catch {
      return { signal: null, ms: Date.now() - t0 }; // gone meanwhile
    }
    if (await waitForExit(pid, graceMs)) return { signal, ms: Date.now() - t0 };
  }
  throw new Error(`pid ${pid} survived ${steps.map(([s]) => s).join(', ')}`);
}

/**
 * A small cross-process lock (an O_EXCL file holding the owner's pid) so that two
 * starts racing on one data directory do not both launch a server.
 */
export async function withLock(file, timeoutMs, fn) {
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
        fs.rmSync(file, { force: true }); // left behind by a process that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file} is held by pid ${holder}; gave up waiting`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  }
}

const COLORS = [36, 35, 33, 32, 34, 31];
const GRAY = 90;
const useColor = () => process.stdout.isTTY && !process.env.NO_COLOR;

/** `name | ` padded to width, colored on a terminal (index -1: gray). */
export function linePrefix(name, index, width = name.length) {
  const label = `${name.padEnd(width)} |`;
  const color = index < 0 ? GRAY : COLORS[index % COLORS.length];
  return useColor() ? `\x1b[${color}m${label}\x1b[0m ` : `${label} `;
}

/**
 * Runs a long-lived child (a service) and prints its stdout/stderr line by line with a
 * prefix. It stays in our process group, so a terminal Ctrl-C reaches it directly too.
 * @param {{name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string,
 *          prefix: string, keepLines?: number}} o
 */
export function superviseChild({ name, command, args, env, cwd, prefix, keepLines = 40 }) {
  const lines = [];
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const onLine = (stream) => (line) => {
    lines.push(line);
    if (lines.length > keepLines) lines.shift();
    stream.write(`${prefix}${line}\n`);
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine(process.stdout));
  readline.createInterface({ input: child.stderr }).on('line', onLine(process.stderr));
  const handle = {
    name,
    child,
    pid: child.pid,
    exit: null,
    lastLines: () => [...lines],
    /** Resolves with {code, signal} when the process has exited (also on spawn failure). */
    exited: new Promise((resolve) => {
      child.once('error', (error) => {
        handle.exit ??= { code: null, signal: null, error };
        resolve(handle.exit);
      });
      child.once('exit', (code, signal) => {
        handle.exit ??= { code, signal };
        resolve(handle.exit);
      });
    }),
    /** SIGTERM, then SIGKILL after graceMs. Resolves once it has exited. */
    async stop(graceMs = 10_000) {
      if (handle.exit) return handle.exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!handle.exit) {
          process.stderr.write(`${prefix}still running ${graceMs / 1000}s after SIGTERM: SIGKILL\n`);
          child.kill('SIGKILL');
        }
      }, graceMs);
      const result = await handle.exited;
      clearTimeout(timer);
      return result;
    },
  };
  return handle;
}

/** Runs a command to completion with inherited stdio; resolves with its exit code (`.child`: the process). */
export function runToEnd(command, args, { cwd, env } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
  const done = new Promise((resolve) => {
    child.once('error', (e) => {
      console.error(`${command}: ${e.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return Object.assign(done, { child });
}
