// Types for the launcher, so TypeScript tests can start and stop a broker of their own.
export interface StartedKafka {
  port: number;
  brokers: string[];
  pid: number;
  dataDir: string;
  alreadyRunning: boolean;
}
export function startKafka(options?: {
  port?: number;
  dataDir?: string;
  timeoutMs?: number;
  log?: false | ((line: string) => void);
}): Promise<StartedKafka>;
export function stopKafka(options?: {
  dataDir?: string;
  timeoutMs?: number;
  log?: false | ((line: string) => void);
}): Promise<{ stopped: boolean }>;
export function kafkaStatus(options?: { port?: number; dataDir?: string }): Promise<{ running: boolean; ready: boolean; port: number }>;
