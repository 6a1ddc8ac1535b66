import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { servicesAuthEnv } from './identity';

export const SERVICES = ['registration', 'risk-scoring', 'alerts', 'referral'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningService {
  name: ServiceName;
  url: string;
  process: ChildProcess;
  log: string[];
}

export interface RunningSystem {
  id: string;
  topicPrefix: string;
  services: Partial<Record<ServiceName, RunningService>>;
  url(name: ServiceName): string;
  /** kill -9 one service (fault tests) and start it again with the same environment. */
  restart(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.process.exitCode !== null) {
      throw new Error(`${service.name} exited (${service.process.exitCode}):\n${service.log.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${service.url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.name} not ready in ${timeoutMs} ms:\n${service.log.slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The system as `npm start` runs it: every built service as its own process, against the run's
 * PostgreSQL and Kafka, trusting the run's Keycloak (see ./identity), isolated from other test files by schema
 * names and a topic prefix.
 */
export async function startSystem(env: Record<string, string> = {}, only: readonly ServiceName[] = SERVICES): Promise<RunningSystem> {
  const id = randomBytes(4).toString('hex');
  const topicPrefix = `e2e${id}.`;
  const services: Partial<Record<ServiceName, RunningService>> = {};
  const environments = new Map<ServiceName, NodeJS.ProcessEnv>();

  const launch = (name: ServiceName): RunningService => {
    const serviceEnv = environments.get(name)!;
    const child = spawn(process.execPath, [path.join('dist', 'services', name, 'src', 'main.js')], {
      env: serviceEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    const keep = (chunk: Buffer) => {
      log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (log.length > 500) log.splice(0, log.length - 500);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // E2E_LOG_DIR keeps every line of each service's log, for diagnosing a failed run.
    if (process.env.E2E_LOG_DIR) {
      const file = createWriteStream(path.join(process.env.E2E_LOG_DIR, `${topicPrefix}${name}.log`), { flags: 'a' });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    return { name, url: `http://127.0.0.1:${serviceEnv.PORT}`, process: child, log };
  };

  const built = only.filter((name) => existsSync(path.join('dist', 'services', name, 'src', 'main.js')));
  const auth = await servicesAuthEnv();
  for (const name of built) {
    environments.set(name, {
      ...process.env,
      ...auth,
      ...env,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATABASE_SCHEMA: `e2e_${id}_${name.replace('-', '_')}`,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      SWAGGER_UI: 'true',
    });
    services[name] = launch(name);
  }
  const system: RunningSystem = {
    id,
    topicPrefix,
    services,
    url: (name) => {
      const service = services[name];
      if (!service) throw new Error(`${name} is not running (not built?)`);
      return service.url;
    },
    async restart(name, signal = 'SIGKILL') {
      const service = services[name]!;
      service.process.kill(signal);
      await new Promise((resolve) => (service.process.exitCode !== null ? resolve(null) : service.process.once('exit', resolve)));
      services[name] = launch(name);
      await waitReady(services[name], 90_000);
    },
    async stop() {
      await Promise.all(
        Object.values(services).map(
          (s) =>
            new Promise((resolve) => {
              if (s.process.exitCode !== null) return resolve(null);
              s.process.once('exit', resolve);
              s.process.kill('SIGTERM');
              setTimeout(() => s.process.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
  try {
    await Promise.all(Object.values(services).map((s) => waitReady(s, 90_000)));
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}
