import { KeyObject, createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AUTH_CONFIG, type AuthConfig } from './auth-config';
import { ROLES, type Principal, type Role } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

interface SiagaClaims extends JWTPayload {
  role?: unknown;
  name?: unknown;
  hc?: unknown;
  villages?: unknown;
  facility?: unknown;
  responder?: unknown;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Verifies bearer tokens: algorithm allowlist (HS256 with a secret, RS256 with JWKS), exp/nbf, issuer, audience.
 * A token that verified is answered from `VerifiedTokenCache` until it expires (at most a minute).
 */
@Injectable()
export class TokenVerifier {
  // The secret as a KeyObject made once: given bytes, jose makes one per verification.
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new VerifiedTokenCache();

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
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
    if (!ROLES.includes(payload.role as Role)) throw new InvalidTokenError('token has no valid role');
    const villages = Array.isArray(payload.villages) ? payload.villages.filter((v) => typeof v === 'string') : [];
    const principal: Principal = {
      userId: payload.sub,
      role: payload.role as Role,
      name: optionalString(payload.name),
      healthCenterId: optionalString(payload.hc),
      villageCodes: villages,
      facilityId: optionalString(payload.facility),
      responderId: optionalString(payload.responder),
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
