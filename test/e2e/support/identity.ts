import { randomUUID } from 'node:crypto';
import { tokenFor, type TestClaims } from '@siaga/testing';
import {
  createAccount,
  discover,
  ensureTestClient,
  keycloakAdmin,
  passwordGrant,
  randomPassword,
  type KeycloakAdmin,
  type Scope,
} from '@scripts/keycloak/admin.mjs';
import { adminFromEnv } from '@scripts/keycloak/keycloak.mjs';

/**
 * Who the people of an end-to-end scenario are. With Keycloak (the default when the test setup found one:
 * KEYCLOAK_URL): accounts made through its admin API with their role and scope attributes, their tokens issued
 * by Keycloak, and the services verify them through its JWKS, as in production. With SIAGA_E2E_IDENTITY=dev-secret:
 * HS256 tokens signed with the run's JWT_SECRET (no Keycloak needed).
 */
export const identityProvider = (): 'keycloak' | 'dev-secret' =>
  (process.env.SIAGA_E2E_IDENTITY ?? (process.env.KEYCLOAK_URL ? 'keycloak' : 'dev-secret')) === 'keycloak' ? 'keycloak' : 'dev-secret';

export interface PersonClaims extends TestClaims {
  responderKind?: string;
  organisation?: string;
  phone?: string;
}

export interface Person {
  /** The user id: the token's `sub` (Keycloak's user id). */
  id: string;
  token: string;
  username?: string;
  password?: string;
}

interface KeycloakContext {
  url: string;
  issuer: string;
  jwksUrl: string;
  admin: KeycloakAdmin;
  client: { clientId: string; clientSecret: string };
}

let keycloak: Promise<KeycloakContext> | undefined;
let serial = 0;

/** The run's Keycloak, and the test-only client whose password grant gives the people their tokens. */
export function keycloakContext(): Promise<KeycloakContext> {
  keycloak ??= (async () => {
    const url = process.env.KEYCLOAK_URL;
    const credentials = adminFromEnv();
    if (!url || !credentials) throw new Error('KEYCLOAK_URL and its admin credentials are not set (the test global setup sets them)');
    const admin = keycloakAdmin({ url, ...credentials });
    // Tokens for a whole test file: the console's live 5 minutes, longer than some scenarios.
    const client = await ensureTestClient(admin, { clientId: testClientId('password-grant'), accessTokenLifespanSeconds: 3600 });
    return { url, ...(await discover(url)), admin, client };
  })();
  return keycloak;
}

/** The environment that makes the services trust the scenario's identity provider. */
export async function servicesAuthEnv(): Promise<Record<string, string>> {
  if (identityProvider() === 'dev-secret') return {};
  const { issuer, jwksUrl } = await keycloakContext();
  return { JWT_SECRET: '', JWT_JWKS_URL: jwksUrl, JWT_ISSUER: issuer };
}

const runId = () => process.env.SIAGA_TEST_RUN_ID ?? 'local';

/** Usernames of one run share a prefix, so the global teardown can remove its accounts. */
export const usernameFor = (role: string) => `e2e-${runId()}-${role}-${++serial}-${randomUUID().slice(0, 8)}`;

/** Test-only clients are the run's own, removed by the global teardown: no password grant is left behind. */
export const testClientId = (purpose: string) => `siaga-test-${purpose}-${runId()}`;

const scopeOf = (claims: PersonClaims): Scope => ({
  hc: claims.hc,
  villages: claims.villages,
  facility: claims.facility,
  responder: claims.responder,
  responderKind: claims.responderKind,
  organisation: claims.organisation,
  phone: claims.phone,
});

/** A person with the role and scope of `claims`, and a token the running services accept. */
export async function person(claims: PersonClaims): Promise<Person> {
  if (identityProvider() === 'dev-secret') {
    const { responderKind, organisation, phone, ...rest } = claims;
    const id = claims.sub ?? randomUUID();
    return { id, token: await tokenFor({ ...rest, sub: id, responder_kind: responderKind, organisation, phone_number: phone }) };
  }
  const { url, admin, client } = await keycloakContext();
  const username = usernameFor(claims.role);
  const password = randomPassword();
  const { id } = await createAccount(admin, {
    username,
    password,
    firstName: claims.name ?? `E2E ${claims.role}`,
    role: claims.role,
    scope: scopeOf(claims),
  });
  const tokens = await passwordGrant({ url, username, password, ...client });
  return { id, token: tokens.access_token, username, password };
}

/** Only the token of `person(claims)`. */
export const personToken = async (claims: PersonClaims): Promise<string> => (await person(claims)).token;
