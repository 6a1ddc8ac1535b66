// CPU time by process group (Linux /proc, in clock ticks of 10 ms): where each unit of work's CPU goes.
import { readFileSync, readdirSync } from 'node:fs';

export const CLOCK_TICK_MS = 10;

export function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** The broker serving `brokers` (other brokers on the machine are not ours to count): matched by its listener port. */
export function kafkaBrokerPids(brokers) {
  const port = brokers[0].split(':').at(-1);
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const i = argv.indexOf('kafka.Kafka');
        if (i === -1) return false;
        return new RegExp(`^listeners=.*:${port}\\b`, 'm').test(readFileSync(argv[i + 1], 'utf8'));
      } catch {
        return false;
      }
    });
}

export function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return { busy: values[0] + values[1] + values[2] + values[5] + values[6], total: values.reduce((a, b) => a + b, 0) };
}

/**
 * PostgreSQL backends serving the database `db` is connected to (the services under test), but not `db` itself;
 * with `applicationPrefix`, only those of one service (its connections are named `siaga-<schema>...`).
 */
export async function postgresBackendPids(db, applicationPrefix = '') {
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND starts_with(application_name, $1)`,
    [applicationPrefix],
  );
  return rows.map((r) => r.pid);
}

/** Ticks of each pid of each named group, plus the machine's; compare two with `cpuMsPer`. */
export function cpuSnapshot(groups) {
  const ticksByPid = (pids) => Object.fromEntries(pids.map((pid) => [pid, cpuTicks(pid)]));
  return { ...Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, ticksByPid(pids)])), machine: machineTicks() };
}

/**
 * CPU milliseconds per unit of work of each group between two snapshots, and how busy the machine was. A process
 * that started in between counts from its start; one that ended in between is missed (pools open and close
 * PostgreSQL connections under load), so a group never comes out negative.
 */
export function cpuMsPer(before, after, units) {
  const out = {};
  for (const name of Object.keys(after)) {
    if (name === 'machine') continue;
    const ticks = Object.entries(after[name]).reduce((sum, [pid, t]) => sum + Math.max(0, t - (before[name]?.[pid] ?? 0)), 0);
    out[name] = +((ticks * CLOCK_TICK_MS) / units).toFixed(2);
  }
  const busy = after.machine.busy - before.machine.busy;
  out.machineBusy = +((busy * CLOCK_TICK_MS) / units).toFixed(2);
  out.machineBusyPercent = Math.round((100 * busy) / (after.machine.total - before.machine.total));
  return out;
}
