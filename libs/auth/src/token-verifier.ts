import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AUTH_CONFIG, type AuthConfig } from './auth-config';
import { ROLES, type Principal, type Role } from './principal';

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

/** Verifies bearer tokens: algorithm allowlist (HS256 with a secret, RS256 with JWKS), exp/nbf, issuer, audience. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256'];
    } else {
      this.key = new TextEncoder().encode(config.secret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: SiagaClaims;
    try {
      const verified =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, this.options())
          : await jwtVerify(token, this.key, this.options());
      payload = verified.payload;
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    if (!payload.sub) throw new InvalidTokenError('token has no subject');
    if (!ROLES.includes(payload.role as Role)) throw new InvalidTokenError('token has no valid role');
    const villages = Array.isArray(payload.villages) ? payload.villages.filter((v) => typeof v === 'string') : [];
    return {
      userId: payload.sub,
      role: payload.role as Role,
      name: optionalString(payload.name),
      healthCenterId: optionalString(payload.hc),
      villageCodes: villages,
      facilityId: optionalString(payload.facility),
      responderId: optionalString(payload.responder),
    };
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
