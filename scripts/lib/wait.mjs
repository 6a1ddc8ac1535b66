// Waiting helpers: sleep, poll until a condition holds, HTTP and TCP probes.
import { execFileSync } from 'node:child_process';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value (which is returned). Throws after timeoutMs,
 * or as soon as `fail()` returns a message (e.g. "the process exited").
 * @template T
 * @param {() => Promise<T> | T} check
 * @param {{timeoutMs?: number, intervalMs?: number, what?: string, fail?: () => string | null | undefined}} [opts]
 * @returns {Promise<T>}
 */
export async function waitUntil(check, { timeoutMs = 60_000, intervalMs = 250, what = 'condition', fail } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = fail?.();
    if (failure) throw new Error(failure);
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** GET url; resolves to the HTTP status, or 0 when nothing answers within timeoutMs. */
export async function httpStatus(url, timeoutMs = 2000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 0;
  }
}

/** True if nothing listens on host:port (we could bind it). */
export function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** True if a TCP connection to host:port succeeds within ms. */
export function portAnswers(port, host = '127.0.0.1', ms = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Best effort: which process listens on a TCP port ('' when unknown; needs `ss`). */
export function whoListens(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const users = /users:\((.*)\)\s*$/m.exec(out);
    return users ? users[1] : out.trim().split('\n')[0] || '';
  } catch {
    return '';
  }
}
