import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface TestClaims {
  role: 'midwife' | 'doctor' | 'hospital' | 'escort' | 'district' | 'admin';
  sub?: string;
  name?: string;
  hc?: string;
  villages?: string[];
  facility?: string;
  responder?: string;
  /** An escort account's registry details, as Keycloak's mappers put them in its tokens. */
  responder_kind?: string;
  organisation?: string;
  phone_number?: string;
}

/** A token exactly as the identity provider would issue it, signed with the run's secret. */
export async function tokenFor(
  claims: TestClaims,
  options: { secret?: string; expiresIn?: string; issuer?: string } = {},
): Promise<string> {
  const secret = options.secret ?? process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set (test global setup sets it)');
  return new SignJWT({ ...claims, sub: undefined })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? randomUUID())
    .setIssuer(options.issuer ?? process.env.JWT_ISSUER ?? 'siaga-local')
    .setAudience(process.env.JWT_AUDIENCE ?? 'siaga')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(secret));
}
