export interface AuthConfig {
  issuer: string;
  audience: string;
  /** HS256 shared secret (local use). */
  secret?: string;
  /** RS256 keys from a JWKS endpoint (production identity provider). */
  jwksUrl?: string;
  clockToleranceSeconds: number;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = env.JWT_SECRET;
  const jwksUrl = env.JWT_JWKS_URL;
  if (!secret && !jwksUrl) throw new Error('JWT_SECRET (HS256) or JWT_JWKS_URL (RS256) must be set');
  if (secret && secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  return {
    issuer: env.JWT_ISSUER ?? 'siaga-local',
    audience: env.JWT_AUDIENCE ?? 'siaga',
    secret,
    jwksUrl,
    clockToleranceSeconds: 5,
  };
}
