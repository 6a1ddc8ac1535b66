// Types for scripts/keycloak/admin.mjs, so TypeScript tests can make accounts and sign in.
export const REALM: string;
export const REALM_FILE: string;
export const CONSOLE_CLIENT_ID: string;
export const CONSOLE_REDIRECT_URI: string;
export const ROLES: readonly string[];

export interface KeycloakAdmin {
  url: string;
  token(): Promise<string>;
  request(
    method: string,
    pathname: string,
    body?: unknown,
    options?: { expect?: number[] },
  ): Promise<{ status: number; body: any; location: string | null }>;
}
export interface AdminCredentials {
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
}
export interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  expires_in: number;
  refresh_expires_in?: number;
}
export interface Scope {
  hc?: string;
  villages?: string[];
  facility?: string;
  responder?: string;
  responderKind?: string;
  organisation?: string;
  phone?: string;
}

export class KeycloakError extends Error {
  status: number;
  body: unknown;
}
export class SignInError extends Error {}

export function issuerOf(url: string, realm?: string): string;
export function jwksUrlOf(url: string, realm?: string): string;
export function discover(url: string, realm?: string): Promise<{ issuer: string; jwksUrl: string }>;
export function keycloakAdmin(options: { url: string } & AdminCredentials): KeycloakAdmin;
export function realmRepresentation(realm?: string): { rep: any; digest: string };
export function ensureRealm(
  admin: KeycloakAdmin,
  options?: { realm?: string; replaceOutdated?: boolean; log?: (line: string) => void },
): Promise<{ imported: boolean; outdated: boolean }>;
export function deleteRealm(admin: KeycloakAdmin, realm: string): Promise<void>;
export function randomPassword(length?: number): string;
export function scopeAttributes(scope: Scope): Record<string, string[]>;
export const SCOPE_OF_ROLE: Record<string, string[]>;
export function findUser(admin: KeycloakAdmin, username: string, realm?: string): Promise<any>;
export function createAccount(
  admin: KeycloakAdmin,
  account: {
    username: string;
    password: string;
    firstName: string;
    lastName?: string;
    email?: string;
    role: string;
    scope?: Scope;
    enabled?: boolean;
    realm?: string;
  },
): Promise<{ id: string; username: string }>;
export function setPassword(admin: KeycloakAdmin, userId: string, password: string, realm?: string): Promise<void>;
export function setAccountEnabled(admin: KeycloakAdmin, userId: string, enabled: boolean, realm?: string): Promise<void>;
export function deleteAccount(admin: KeycloakAdmin, userId: string, realm?: string): Promise<void>;
export function accountsWithPrefix(admin: KeycloakAdmin, prefix: string, realm?: string): Promise<{ id: string; username: string }[]>;
export function ensureTestClient(
  admin: KeycloakAdmin,
  options?: { clientId?: string; accessTokenLifespanSeconds?: number; realm?: string },
): Promise<{ clientId: string; clientSecret: string }>;
export function signIn(options: {
  url: string;
  username: string;
  password: string;
  realm?: string;
  clientId?: string;
  redirectUri?: string;
}): Promise<Tokens>;
export function passwordGrant(options: {
  url: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  realm?: string;
}): Promise<Tokens>;
export function refresh(options: {
  url: string;
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
  realm?: string;
}): Promise<Tokens>;
