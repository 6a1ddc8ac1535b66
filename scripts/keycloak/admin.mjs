// Keycloak over HTTP: the admin REST API (realm import, accounts, clients, keys) and signing in
// (authorization code + PKCE, as the console does; the password grant only on a test-only client).
// Used by the launcher, npm start, `npm run user:add`, `npm run token` and the tests.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const REALM = 'siaga';
export const REALM_FILE = path.join(REPO_ROOT, 'keycloak', 'siaga-realm.json');
export const CONSOLE_CLIENT_ID = 'siaga-console';
export const CONSOLE_REDIRECT_URI = 'http://127.0.0.1:3000/auth/callback';
export const ROLES = ['midwife', 'doctor', 'hospital', 'escort', 'district', 'admin'];
const DIGEST_ATTRIBUTE = 'siagaRealmDigest';

export const issuerOf = (url, realm = REALM) => `${url.replace(/\/$/, '')}/realms/${realm}`;
export const jwksUrlOf = (url, realm = REALM) => `${issuerOf(url, realm)}/protocol/openid-connect/certs`;
const tokenUrlOf = (url, realm) => `${issuerOf(url, realm)}/protocol/openid-connect/token`;

/** Issuer and JWKS URL of a realm, from its discovery document (a Keycloak with a fixed hostname names its own). */
export async function discover(url, realm = REALM) {
  const res = await fetch(`${issuerOf(url, realm)}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`keycloak: ${issuerOf(url, realm)} has no discovery document (${res.status}); is the realm imported?`);
  const doc = await res.json();
  return { issuer: doc.issuer, jwksUrl: doc.jwks_uri };
}

export class KeycloakError extends Error {
  name = 'KeycloakError';
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function readBody(res) {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

async function postForm(url, form) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await readBody(res);
  if (!res.ok) {
    const why = body?.error ? `${body.error}${body.error_description ? ` (${body.error_description})` : ''}` : JSON.stringify(body);
    throw new KeycloakError(`${url}: ${res.status} ${why}`, res.status, body);
  }
  return body;
}

// ---------------------------------------------------------------- admin REST

/**
 * An admin REST client. Credentials: a service-account client of the master realm (clientId + clientSecret,
 * as the launcher bootstraps it) or an admin user (username + password, through admin-cli).
 * @param {{url: string, clientId?: string, clientSecret?: string, username?: string, password?: string}} options
 */
export function keycloakAdmin({ url, clientId, clientSecret, username, password }) {
  const base = url.replace(/\/$/, '');
  let cached = null;
  const token = async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    const form =
      clientId && clientSecret
        ? { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }
        : { grant_type: 'password', client_id: 'admin-cli', username, password };
    if (!form.client_secret && !(username && password)) {
      throw new Error('keycloak admin: give clientId + clientSecret or username + password');
    }
    const body = await postForm(tokenUrlOf(base, 'master'), form);
    cached = { token: body.access_token, until: Date.now() + (body.expires_in - 10) * 1000 };
    return cached.token;
  };
  /** @returns {Promise<{status: number, body: any, location: string | null}>} */
  const request = async (method, pathname, body, { expect = [200, 201, 204] } = {}) => {
    const res = await fetch(`${base}/admin/realms${pathname}`, {
      method,
      headers: { authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const parsed = await readBody(res);
    if (!expect.includes(res.status)) {
      const why = parsed?.errorMessage ?? parsed?.error_description ?? parsed?.error ?? JSON.stringify(parsed);
      throw new KeycloakError(`keycloak admin ${method} ${pathname}: ${res.status} ${why}`, res.status, parsed);
    }
    return { status: res.status, body: parsed, location: res.headers.get('location') };
  };
  return { url: base, token, request };
}

/** The realm file with its digest as a realm attribute, under another name if asked (tests isolate key rotation). */
export function realmRepresentation(realm = REALM) {
  const text = fs.readFileSync(REALM_FILE, 'utf8');
  const rep = JSON.parse(text);
  const digest = createHash('sha256').update(text).digest('hex');
  rep.realm = realm;
  rep.attributes = { ...rep.attributes, [DIGEST_ATTRIBUTE]: digest };
  if (realm !== REALM) {
    rep.roles.realm = rep.roles.realm.map((r) => (r.name === `default-roles-${REALM}` ? { ...r, name: `default-roles-${realm}` } : r));
    rep.defaultRole = { ...rep.defaultRole, name: `default-roles-${realm}` };
  }
  return { rep, digest };
}

/**
 * Imports the realm when it is missing. When it exists but was imported from another version of the file:
 * re-imported if `replaceOutdated` (the local Keycloak; its accounts are dropped), else only reported.
 */
export async function ensureRealm(admin, { realm = REALM, replaceOutdated = false, log = () => {} } = {}) {
  const { rep, digest } = realmRepresentation(realm);
  const existing = await admin.request('GET', `/${realm}`, undefined, { expect: [200, 404] });
  if (existing.status === 200) {
    const have = existing.body.attributes?.[DIGEST_ATTRIBUTE];
    if (have === digest) return { imported: false, outdated: false };
    if (!have) return { imported: false, outdated: false }; // imported by Keycloak itself (docker compose: --import-realm)
    if (!replaceOutdated) {
      log(
        `keycloak: realm ${realm} differs from ${path.relative(process.cwd(), REALM_FILE)}; not replacing it on a Keycloak we did not start`,
      );
      return { imported: false, outdated: true };
    }
    log(`keycloak: ${path.relative(process.cwd(), REALM_FILE)} changed: re-importing realm ${realm} (its accounts are recreated)`);
    await admin.request('DELETE', `/${realm}`);
  }
  await admin.request('POST', '', rep, { expect: [201] });
  return { imported: true, outdated: false };
}

export async function deleteRealm(admin, realm) {
  await admin.request('DELETE', `/${realm}`, undefined, { expect: [204, 404] });
}

// ---------------------------------------------------------------- accounts

/** 24 characters from an unambiguous alphabet: well over the realm's policy (12), easy to type from a screen. */
export function randomPassword(length = 24) {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * The user attributes of a person's scope, as the realm's protocol mappers turn them into token claims
 * (health_center_id -> hc, villages -> villages, facility_id -> facility, responder_id -> responder, ...).
 * @param {{hc?: string, villages?: string[], facility?: string, responder?: string, responderKind?: string,
 *          organisation?: string, phone?: string}} scope
 */
export function scopeAttributes(scope) {
  const attributes = {};
  const set = (name, value) => {
    if (value !== undefined && value !== null && value !== '') attributes[name] = Array.isArray(value) ? value : [value];
  };
  set('health_center_id', scope.hc);
  set('villages', scope.villages?.length ? scope.villages : undefined);
  set('facility_id', scope.facility);
  set('responder_id', scope.responder);
  set('responder_kind', scope.responderKind);
  set('organisation', scope.organisation);
  set('phone_number', scope.phone);
  return attributes;
}

/** What each role's scope needs: a token without it gives access to nothing. */
export const SCOPE_OF_ROLE = {
  midwife: ['hc', 'villages'],
  doctor: ['hc'],
  hospital: ['facility'],
  escort: ['responder', 'responderKind'],
  district: [],
  admin: [],
};

export async function findUser(admin, username, realm = REALM) {
  const { body } = await admin.request('GET', `/${realm}/users?exact=true&username=${encodeURIComponent(username)}`);
  return body[0] ?? null;
}

/**
 * Creates an account with its one Siaga role and the attributes of its scope, and sets its password.
 * @param {ReturnType<typeof keycloakAdmin>} admin
 * @param {{username: string, password: string, firstName: string, lastName?: string, email?: string, role: string,
 *          scope?: Parameters<typeof scopeAttributes>[0], enabled?: boolean, realm?: string}} account
 * @returns {Promise<{id: string, username: string}>}
 */
export async function createAccount(
  admin,
  { username, password, firstName, lastName, email, role, scope = {}, enabled = true, realm = REALM },
) {
  if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})`);
  const created = await admin.request(
    'POST',
    `/${realm}/users`,
    {
      username,
      enabled,
      firstName,
      ...(lastName ? { lastName } : {}),
      ...(email ? { email, emailVerified: true } : {}),
      attributes: scopeAttributes(scope),
      credentials: [{ type: 'password', value: password, temporary: false }],
      requiredActions: [],
    },
    { expect: [201] },
  );
  const id = created.location?.split('/').pop();
  if (!id) throw new Error(`keycloak: no id for the new account ${username}`);
  const roleRep = (await admin.request('GET', `/${realm}/roles/${role}`)).body;
  await admin.request('POST', `/${realm}/users/${id}/role-mappings/realm`, [roleRep]);
  return { id, username };
}

export async function setPassword(admin, userId, password, realm = REALM) {
  await admin.request('PUT', `/${realm}/users/${userId}/reset-password`, { type: 'password', value: password, temporary: false });
}

/** Enables or disables an account; disabling also ends its sessions, so no refresh token works any more. */
export async function setAccountEnabled(admin, userId, enabled, realm = REALM) {
  const user = (await admin.request('GET', `/${realm}/users/${userId}`)).body;
  await admin.request('PUT', `/${realm}/users/${userId}`, { ...user, enabled });
  if (!enabled) await admin.request('POST', `/${realm}/users/${userId}/logout`);
}

export async function deleteAccount(admin, userId, realm = REALM) {
  await admin.request('DELETE', `/${realm}/users/${userId}`, undefined, { expect: [204, 404] });
}

/** Accounts whose username starts with prefix (Keycloak's search is a prefix/infix match; filtered exactly here). */
export async function accountsWithPrefix(admin, prefix, realm = REALM) {
  const found = [];
  for (let first = 0; ; first += 100) {
    const { body } = await admin.request(
      'GET',
      `/${realm}/users?briefRepresentation=true&first=${first}&max=100&search=${encodeURIComponent(prefix)}`,
    );
    found.push(...body.filter((u) => u.username.startsWith(prefix)));
    if (body.length < 100) return found;
  }
}

// ---------------------------------------------------------------- clients

/**
 * A confidential client with the password grant and the console's protocol mappers (so the same claims),
 * for tests only: it is never in the realm file, and the console client never gets the password grant.
 * @returns {Promise<{clientId: string, clientSecret: string}>}
 */
export async function ensureTestClient(
  admin,
  { clientId = 'siaga-test-password-grant', accessTokenLifespanSeconds = 3600, realm = REALM } = {},
) {
  const existing = (await admin.request('GET', `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`)).body[0];
  if (!existing) {
    const console_ = (await admin.request('GET', `/${realm}/clients?clientId=${CONSOLE_CLIENT_ID}`)).body[0];
    if (!console_) throw new Error(`keycloak: realm ${realm} has no ${CONSOLE_CLIENT_ID} client`);
    await admin.request(
      'POST',
      `/${realm}/clients`,
      {
        clientId,
        name: 'Tests only: password grant',
        enabled: true,
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        secret: randomBytes(24).toString('base64url'),
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: true,
        serviceAccountsEnabled: false,
        fullScopeAllowed: true,
        protocol: 'openid-connect',
        redirectUris: [],
        webOrigins: [],
        attributes: { 'access.token.lifespan': String(accessTokenLifespanSeconds) },
        defaultClientScopes: console_.defaultClientScopes,
        optionalClientScopes: [],
        protocolMappers: (console_.protocolMappers ?? []).map((mapper) => ({ ...mapper, id: undefined })),
      },
      { expect: [201] },
    );
  }
  const client = (await admin.request('GET', `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`)).body[0];
  const secret = (await admin.request('GET', `/${realm}/clients/${client.id}/client-secret`)).body.value;
  return { clientId, clientSecret: secret };
}

// ---------------------------------------------------------------- signing in

export class SignInError extends Error {
  name = 'SignInError';
}

/** A minimal cookie jar: Keycloak's login needs its session cookies between the form and the post. */
function cookieJar() {
  const cookies = new Map();
  return {
    take(res) {
      for (const line of res.headers.getSetCookie?.() ?? []) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

const htmlDecode = (s) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#61;/g, '=')
    .replace(/&quot;/g, '"');

/** The text of Keycloak's error box on a login page, for a useful message. */
function loginError(html) {
  const m =
    /<(?:span|div)[^>]*(?:kc-feedback-text|input-error|alert-error|pf-v5-c-helper-text__item-text)[^>]*>([\s\S]*?)<\/(?:span|div)>/i.exec(
      html,
    );
  return m
    ? m[1]
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    : 'the login page came back without a redirect';
}

/**
 * Signs in as the console does: authorization code with PKCE (S256), the login form driven over HTTP.
 * @param {{url: string, username: string, password: string, realm?: string, clientId?: string, redirectUri?: string}} options
 * @returns {Promise<{access_token: string, refresh_token: string, id_token?: string, expires_in: number}>}
 */
export async function signIn({ url, username, password, realm = REALM, clientId = CONSOLE_CLIENT_ID, redirectUri = CONSOLE_REDIRECT_URI }) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const jar = cookieJar();
  const authorize = new URL(`${issuerOf(url, realm)}/protocol/openid-connect/auth`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const page = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  jar.take(page);
  const html = await page.text();
  if (page.status !== 200) throw new SignInError(`authorization endpoint: ${page.status} ${html.slice(0, 300)}`);
  const action =
    /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/i.exec(html) ?? /<form[^>]*action="([^"]+)"[^>]*id="kc-form-login"/i.exec(html);
  if (!action) throw new SignInError(`no login form at ${authorize.origin}${authorize.pathname}`);
  const posted = await fetch(htmlDecode(action[1]), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ username, password, credentialId: '' }),
    signal: AbortSignal.timeout(15_000),
  });
  const location = posted.headers.get('location');
  if (posted.status !== 302 || !location?.startsWith(redirectUri)) {
    throw new SignInError(`${username} could not sign in: ${loginError(await posted.text())}`);
  }
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new SignInError('the state came back changed');
  if (back.searchParams.get('error'))
    throw new SignInError(`${back.searchParams.get('error')}: ${back.searchParams.get('error_description')}`);
  return postForm(tokenUrlOf(url, realm), {
    grant_type: 'authorization_code',
    client_id: clientId,
    code: back.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

/** The password grant, on a test-only client (ensureTestClient). */
export function passwordGrant({ url, username, password, clientId, clientSecret, realm = REALM }) {
  return postForm(tokenUrlOf(url, realm), {
    grant_type: 'password',
    client_id: clientId,
    client_secret: clientSecret,
    username,
    password,
    scope: 'openid',
  });
}

/** A new access token from a refresh token (public client: no secret). */
export function refresh({ url, refreshToken, clientId = CONSOLE_CLIENT_ID, clientSecret, realm = REALM }) {
  return postForm(tokenUrlOf(url, realm), {
    grant_type: 'refresh_token',
    client_id: clientId,
    ...(clientSecret ? { client_secret: clientSecret } : {}),
    refresh_token: refreshToken,
  });
}
