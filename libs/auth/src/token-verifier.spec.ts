import { createServer, type Server } from 'node:http';
import { jest } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { AuthConfig } from './auth-config';
import { TokenVerifier, roleOf } from './token-verifier';

const base: Omit<AuthConfig, 'secret' | 'jwksUrl'> = { issuer: 'siaga-local', audience: 'siaga', clockToleranceSeconds: 0 };
const claims = { role: 'midwife', hc: '6f1f2c1e-2c44-4a55-9e3c-1d6a2d3e4f50', villages: ['35.10.20.2001'] };

describe(roleOf.name, () => {
  it.each([
    ['the role claim of a development token', { role: 'doctor' }, 'doctor'],
    [
      "Keycloak's realm roles, beside its own",
      { realm_access: { roles: ['offline_access', 'midwife', 'default-roles-siaga'] } },
      'midwife',
    ],
    ['both, when they agree', { role: 'escort', realm_access: { roles: ['escort'] } }, 'escort'],
  ])('reads %s', (_, claims, role) => {
    expect(roleOf(claims)).toBe(role);
  });

  it.each([
    ['no Siaga role', { realm_access: { roles: ['offline_access', 'uma_authorization'] } }],
    ['two Siaga roles', { realm_access: { roles: ['midwife', 'admin'] } }],
    ['a role claim and realm roles that disagree', { role: 'midwife', realm_access: { roles: ['admin'] } }],
    ['a role outside the list', { role: 'superuser' }],
    ['realm roles that are not a list', { realm_access: { roles: 'admin' } }],
  ])('gives no role for %s', (_, claims) => {
    expect(roleOf(claims)).toBeUndefined();
  });
});

describe(TokenVerifier.name, () => {
  describe('HS256 with a shared secret', () => {
    const secret = 's'.repeat(40);
    const sut = new TokenVerifier({ ...base, secret });
    const sign = (overrides: { secret?: string; issuer?: string; audience?: string; exp?: string; alg?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: overrides.alg ?? 'HS256' })
        .setSubject('user-1')
        .setIssuer(overrides.issuer ?? 'siaga-local')
        .setAudience(overrides.audience ?? 'siaga')
        .setExpirationTime(overrides.exp ?? '5m')
        .sign(new TextEncoder().encode(overrides.secret ?? secret));

    it('returns the principal with its scope', async () => {
      await expect(sut.verify(await sign())).resolves.toMatchObject({
        userId: 'user-1',
        role: 'midwife',
        healthCenterId: claims.hc,
        villageCodes: claims.villages,
      });
    });

    it.each([
      ['another secret', { secret: 'x'.repeat(40) }],
      ['another issuer', { issuer: 'evil' }],
      ['another audience', { audience: 'other-app' }],
      ['an expired token', { exp: '-1s' }],
      ['an algorithm outside the allowlist', { alg: 'HS512' }],
    ])('refuses %s', async (_, overrides) => {
      await expect(sut.verify(await sign(overrides))).rejects.toThrow();
    });

    it('refuses a token once it has expired, though it verified before', async () => {
      jest.useFakeTimers({ now: Date.parse('2026-11-28T10:00:00Z'), doNotFake: ['nextTick', 'queueMicrotask'] });
      try {
        const token = await sign({ exp: '2s' });
        await expect(sut.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
        await expect(sut.verify(token)).resolves.toMatchObject({ userId: 'user-1' });

        jest.setSystemTime(Date.parse('2026-11-28T10:00:03Z'));

        await expect(sut.verify(token)).rejects.toThrow(/exp/);
      } finally {
        jest.useRealTimers();
      }
    });

    it('refuses an unsigned token', async () => {
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'u', iss: 'siaga-local', aud: 'siaga', exp: 9999999999 })).toString('base64url')}.`;
      await expect(sut.verify(unsigned)).rejects.toThrow();
    });
  });

  describe('RS256 with keys from a JWKS endpoint', () => {
    let server: Server;
    let sut: TokenVerifier;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      sut = new TokenVerifier({ ...base, jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies a token signed by the identity provider', async () => {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('user-2')
        .setIssuer('siaga-local')
        .setAudience('siaga')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(sut.verify(token)).resolves.toMatchObject({ userId: 'user-2', role: 'midwife' });
    });

    it("reads a Keycloak token: realm roles and the claims the realm's mappers make of an escort's attributes", async () => {
      const token = await new SignJWT({
        realm_access: { roles: ['escort', 'offline_access', 'default-roles-siaga'] },
        name: 'Bripka Agus',
        responder: 'de500000-0000-4000-8000-000000000001',
        responder_kind: 'police-officer',
        organisation: 'Polsek Sempu',
        phone_number: '+62 800-0000-0201',
        villages: ['35.10.20.2001'],
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('user-3')
        .setIssuer('siaga-local')
        .setAudience(['siaga', 'account'])
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(sut.verify(token)).resolves.toEqual({
        userId: 'user-3',
        role: 'escort',
        name: 'Bripka Agus',
        villageCodes: ['35.10.20.2001'],
        responderId: 'de500000-0000-4000-8000-000000000001',
        responderKind: 'police-officer',
        organisation: 'Polsek Sempu',
        phone: '+62 800-0000-0201',
        expiresAt: expect.any(Number),
      });
    });

    it('refuses a token whose realm roles hold two Siaga roles', async () => {
      const token = await new SignJWT({ realm_access: { roles: ['midwife', 'district'] } })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('user-4')
        .setIssuer('siaga-local')
        .setAudience('siaga')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(sut.verify(token)).rejects.toThrow(/role/);
    });

    it('refuses an HS256 token even when signed with the public key material', async () => {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u')
        .setIssuer('siaga-local')
        .setAudience('siaga')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('k'.repeat(40)));
      await expect(sut.verify(token)).rejects.toThrow();
    });
  });
});
