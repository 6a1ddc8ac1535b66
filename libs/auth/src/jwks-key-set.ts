import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface JwksKeySetOptions {
  /** Keys older than this are fetched again before use: a key withdrawn by the identity provider goes with them. */
  maxAgeMs: number;
  /** A token naming an unknown key fetches the set again (a rotation), but not more often than this. */
  cooldownMs: number;
  /** While the identity provider cannot be reached, the last keys stay in use this long (tokens it issued keep working). */
  staleIfErrorMs: number;
  timeoutMs: number;
  now: () => number;
  fetch: typeof globalThis.fetch;
}

const DEFAULTS: JwksKeySetOptions = {
  maxAgeMs: 30_000,
  cooldownMs: 5_000,
  staleIfErrorMs: 5 * 60_000,
  timeoutMs: 5_000,
  now: Date.now,
  fetch: (...args) => globalThis.fetch(...args),
};

interface Loaded {
  keys: JWTVerifyGetKey;
  fetchedAtMs: number;
}

/**
 * The identity provider's signing keys from its JWKS endpoint. Unlike jose's createRemoteJWKSet, a failed refresh
 * keeps the last keys for `staleIfErrorMs` instead of refusing every token the moment they are stale: a short
 * Keycloak outage must not sign every midwife out.
 */
export class JwksKeySet {
  private readonly options: JwksKeySetOptions;
  private loaded: Loaded | null = null;
  private lastAttemptMs = -Infinity;
  private pending: Promise<Loaded> | null = null;

  constructor(
    private readonly url: URL,
    options: Partial<JwksKeySetOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const now = this.options.now();
    let loaded = this.loaded;
    if (!loaded || now - loaded.fetchedAtMs >= this.options.maxAgeMs) loaded = await this.refreshOrKeep(now);
    try {
      return await loaded.keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now - this.lastAttemptMs < this.options.cooldownMs) throw error;
      return (await this.refresh()).keys(header, token);
    }
  };

  private async refreshOrKeep(now: number): Promise<Loaded> {
    try {
      return await this.refresh();
    } catch (error) {
      if (this.loaded && now - this.loaded.fetchedAtMs < this.options.staleIfErrorMs) return this.loaded;
      throw error;
    }
  }

  /** One fetch at a time; concurrent verifications share it. */
  private refresh(): Promise<Loaded> {
    this.pending ??= this.fetchKeys().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchKeys(): Promise<Loaded> {
    this.lastAttemptMs = this.options.now();
    const response = await this.options.fetch(this.url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new errors.JOSEError(`JWKS ${this.url.href} answered ${response.status}`);
    const jwks = (await response.json()) as JSONWebKeySet;
    if (!Array.isArray(jwks?.keys)) throw new errors.JWKSInvalid(`JWKS ${this.url.href} has no keys array`);
    this.loaded = { keys: createLocalJWKSet(jwks), fetchedAtMs: this.options.now() };
    return this.loaded;
  }
}
