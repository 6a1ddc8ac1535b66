import { KeyObject, createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AUTH_CONFIG, type AuthConfig } from './auth-config';
import { JwksKeySet } from './jwks-key-set';
import { ROLES, type Principal, type Role } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

interface SiagaClaims extends JWTPayload {
  role?: unknown;
  realm_access?: { roles?: unknown };
  name?: unknown;
  hc?: unknown;
  villages?: unknown;
  facility?: unknown;
  responder?: unknown;
  responder_kind?: unknown;
  organisation?: unknown;
  phone_number?: unknown;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The one Siaga role of a token: `role` (tokens minted with the development secret) or Keycloak's realm roles
 * (`realm_access.roles`, which also hold Keycloak's own such as default-roles-siaga). None, or two different
 * ones, and the token gives no role: a person acts in one role, and which one must never be guessed.
 */
export function roleOf(claims: Pick<SiagaClaims, 'role' | 'realm_access'>): Role | undefined {
  const realmRoles = Array.isArray(claims.realm_access?.roles) ? (claims.realm_access.roles as unknown[]) : [];
  const found = new Set([claims.role, ...realmRoles].filter((r): r is Role => ROLES.includes(r as Role)));
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Verifies bearer tokens: algorithm allowlist (HS256 with a secret, RS256 with JWKS), exp/nbf, issuer, audience.
 * A token that verified is answered from `VerifiedTokenCache` until it expires (at most 30 s); the JWKS is read
 * again every 30 s, so a key withdrawn by the identity provider stops being accepted within a minute.
 */
@Injectable()
export class TokenVerifier {
  // The secret as a KeyObject made once: given bytes, jose makes one per verification.
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new VerifiedTokenCache(10_000, 30_000);

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    if (config.jwksUrl) {
      this.key = new JwksKeySet(new URL(config.jwksUrl)).getKey;
      this.algorithms = ['RS256'];
    } else {
      if (!config.secret) throw new Error('JWT_SECRET (HS256) or JWT_JWKS_URL (RS256) must be set');
      this.key = createSecretKey(Buffer.from(config.secret, 'utf8'));
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: SiagaClaims;
    try {
      const verified =
        this.key instanceof KeyObject ? await jwtVerify(token, this.key, this.options()) : await jwtVerify(token, this.key, this.options());
      payload = verified.payload;
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    if (!payload.sub) throw new InvalidTokenError('token has no subject');
    if (typeof payload.exp !== 'number') throw new InvalidTokenError('token has no expiry');
    const role = roleOf(payload);
    if (!role) throw new InvalidTokenError('token has no valid role');
    const villages = Array.isArray(payload.villages) ? payload.villages.filter((v) => typeof v === 'string') : [];
    const principal: Principal = {
      userId: payload.sub,
      role,
      name: optionalString(payload.name),
      healthCenterId: optionalString(payload.hc),
      villageCodes: villages,
      facilityId: optionalString(payload.facility),
      responderId: optionalString(payload.responder),
      responderKind: optionalString(payload.responder_kind),
      organisation: optionalString(payload.organisation),
      phone: optionalString(payload.phone_number),
      expiresAt: payload.exp * 1000,
    };
    return this.verified.remember(token, principal, payload.exp);
  }

  private options() {
    return {
      algorithms: this.algorithms,
      issuer: this.config.issuer,
      audience: this.config.audience,
      clockTolerance: this.config.clockToleranceSeconds,
      requiredClaims: ['exp', 'sub'],
    };
  }
}
