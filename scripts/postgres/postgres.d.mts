// Types for the launcher, so TypeScript tests can run a PostgreSQL of their own (fault tests).
export interface StartedPostgres {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  alreadyRunning: boolean;
}
export function startPostgres(options?: {
  port?: number;
  dataDir?: string;
  database?: string;
  timeoutMs?: number;
  log?: false | ((line: string) => void);
}): Promise<StartedPostgres>;
export function stopPostgres(options?: {
  port?: number;
  dataDir?: string;
  timeoutMs?: number;
  log?: false | ((line: string) => void);
}): Promise<{ stopped: boolean }>;
