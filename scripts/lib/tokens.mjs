// Signed HS256 bearer tokens with the claims the Siaga services read (libs/auth), and the
// local development secret they are signed with.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { DATA_DIR } from './repo.mjs';

export const ROLES = ['midwife', 'doctor', 'hospital', 'escort', 'district', 'admin'];
export const DEFAULT_ISSUER = 'siaga-local';
export const DEFAULT_AUDIENCE = 'siaga';
export const MIN_SECRET_LENGTH = 32;

/** How the services of the last `npm start` verify tokens: {mode: 'keycloak' | 'dev-secret' | 'external', keycloakUrl}. */
export const AUTH_FILE = path.join(DATA_DIR, 'auth.json');

/** Where `npm start` keeps the HS256 secret it generates (.data is git-ignored). */
export const DEV_SECRET_FILE = path.join(DATA_DIR, 'dev-jwt-secret');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VILLAGE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * Signs a token for the services.
 * @param {{sub: string, role: string, name?: string, hc?: string, villages?: string[],
 *          facility?: string, responder?: string}} claims
 * @param {{secret: string, issuer?: string, audience?: string, ttl?: string | number, strict?: boolean}} options
 *        ttl: a jose time span ('8h', '30m', '2d') or a number of seconds.
 *        strict: false skips the claim checks (to mint deliberately malformed tokens in tests).
 * @returns {Promise<string>}
 */
export async function mintToken(claims, { secret, issuer = DEFAULT_ISSUER, audience = DEFAULT_AUDIENCE, ttl = '8h', strict = true } = {}) {
  if (!secret || secret.length < MIN_SECRET_LENGTH) throw new Error(`the JWT secret must be at least ${MIN_SECRET_LENGTH} characters`);
  if (strict) checkClaims(claims);
  const { sub, role, name, hc, villages, facility, responder } = claims;
  const payload = { role };
  if (name !== undefined) payload.name = name;
  if (hc !== undefined) payload.hc = hc;
  if (villages !== undefined) payload.villages = villages;
  if (facility !== undefined) payload.facility = facility;
  if (responder !== undefined) payload.responder = responder;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(typeof ttl === 'number' ? `${ttl}s` : ttl);
  if (sub !== undefined) jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Throws on claims the services would reject or misread. */
export function checkClaims({ sub, role, hc, villages, facility, responder }) {
  if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})`);
  for (const [claim, value] of Object.entries({ sub, hc, facility, responder })) {
    if (value !== undefined && !UUID.test(value)) throw new Error(`${claim} must be a UUID (got ${JSON.stringify(value)})`);
  }
  if (!sub) throw new Error('sub (the user id, a UUID) is required');
  if (villages !== undefined && !Array.isArray(villages)) throw new Error('villages must be an array of village codes');
  const bad = (villages ?? []).filter((v) => !VILLAGE.test(v));
  if (bad.length) throw new Error(`village codes look like 35.10.20.2001 (got ${bad.join(', ')})`);
}

/** The dev secret from DEV_SECRET_FILE, or null when there is none. */
export function readDevSecret(file = DEV_SECRET_FILE) {
  try {
    const secret = fs.readFileSync(file, 'utf8').trim();
    return secret || null;
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

/** Reads DEV_SECRET_FILE, or creates it: 48 random bytes, base64url (64 characters), mode 0600. */
export function ensureDevSecret(file = DEV_SECRET_FILE) {
  const existing = readDevSecret(file);
  if (existing) return { secret: existing, created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if (e.code === 'EEXIST') return { secret: readDevSecret(file), created: false }; // created concurrently
    throw e;
  }
  return { secret, created: true };
}

/**
 * The secret the services verify with: JWT_SECRET from the environment, else the dev secret
 * file (created when `create` is set, as npm start does).
 * @returns {{secret: string, source: string, created?: boolean}}
 */
export function resolveJwtSecret({ env = process.env, create = false } = {}) {
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < MIN_SECRET_LENGTH) throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return { secret: env.JWT_SECRET, source: 'JWT_SECRET' };
  }
  if (create) {
    const { secret, created } = ensureDevSecret();
    return { secret, source: DEV_SECRET_FILE, created };
  }
  const secret = readDevSecret();
  if (!secret) {
    throw new Error(
      `no JWT secret: set JWT_SECRET (the one the services run with, at least ${MIN_SECRET_LENGTH} characters), ` +
        `or run 'npm start' once, which creates ${path.relative(process.cwd(), DEV_SECRET_FILE) || DEV_SECRET_FILE}`,
    );
  }
  return { secret, source: DEV_SECRET_FILE };
}
