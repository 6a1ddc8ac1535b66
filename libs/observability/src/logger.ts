import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Injection token for the process's root logger. */
export const LOGGER = Symbol('LOGGER');

/** Structured JSON logs on stdout, UTC ISO timestamps, one root logger per process. */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({
    name: service,
    level: env.LOG_LEVEL ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { service, pid: process.pid },
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', '*.nik', 'nik'], censor: '[redacted]' },
  });
}
