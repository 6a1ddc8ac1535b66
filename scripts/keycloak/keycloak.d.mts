// Types for the launcher, so TypeScript tests can find (or start) the run's Keycloak.
import type { AdminCredentials, KeycloakAdmin } from './admin.mjs';

export interface UsedKeycloak {
  url: string;
  issuer: string;
  jwksUrl: string;
  admin: KeycloakAdmin | null;
  adminCredentials: AdminCredentials | null;
  local: boolean;
  startedHere: boolean;
}
export function useKeycloak(options?: {
  env?: NodeJS.ProcessEnv;
  start?: boolean;
  log?: false | ((line: string) => void);
}): Promise<UsedKeycloak>;
export function adminFromEnv(env?: NodeJS.ProcessEnv): AdminCredentials | null;
export function startKeycloak(options?: {
  port?: number;
  dataDir?: string;
  timeoutMs?: number;
  log?: false | ((line: string) => void);
}): Promise<{ url: string; port: number; pid: number; alreadyRunning: boolean; admin: AdminCredentials }>;
export function stopKeycloak(options?: { dataDir?: string; timeoutMs?: number; log?: false | ((line: string) => void) }): Promise<{
  stopped: boolean;
}>;
export function keycloakStatus(options?: { port?: number; dataDir?: string }): Promise<{ running: boolean; ready: boolean; url: string }>;
export function localAdminCredentials(options?: { dataDir?: string }): AdminCredentials | null;
