import type { Principal } from './principal';

interface Entry {
  principal: Principal;
  validUntilMs: number;
}

/**
 * The principals of recently verified tokens, by token. An app sends the same token with every request, and
 * checking its signature again each time was ~8 % of registration's CPU at 500 visits/s. Only tokens that verified
 * are kept, so a bad token is checked every time. An entry lives until its token expires, and at most `ttlMs`, so a
 * signing key withdrawn from the JWKS stops being honoured within that. Bounded: the oldest entry makes room.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.validUntilMs > this.now()) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** Keeps a verified token's principal (frozen: every request of the token shares it) until `expiresAtSeconds`. */
  remember(token: string, principal: Principal, expiresAtSeconds: number): Principal {
    const shared = Object.freeze({ ...principal, villageCodes: Object.freeze([...principal.villageCodes]) as string[] });
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { principal: shared, validUntilMs: Math.min(expiresAtSeconds * 1000, this.now() + this.ttlMs) });
    return shared;
  }
}
