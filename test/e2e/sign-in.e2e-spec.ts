import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { eventually, tokenFor } from '@siaga/testing';
import {
  createAccount,
  deleteRealm,
  discover,
  ensureRealm,
  ensureTestClient,
  passwordGrant,
  randomPassword,
  refresh,
  setAccountEnabled,
  signIn,
  type Scope,
} from '@scripts/keycloak/admin.mjs';
import { call } from './support/client';
import { keycloakContext, testClientId, usernameFor } from './support/identity';
import { lowRiskWoman, normalVisit, SEMPU } from './support/people';
import { startSystem, type RunningSystem } from './support/system';

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const womanOf = (villageCode: string) => {
  const woman = lowRiskWoman();
  woman.mother.address = { ...woman.mother.address, villageCode };
  return woman;
};

const previewBody = () => {
  const woman = lowRiskWoman();
  return {
    pregnancy: {
      motherBirthDate: woman.mother.birthDate,
      heightCm: woman.heightCm,
      hpht: woman.hpht,
      history: woman.history,
      conditions: [],
    },
    visits: [normalVisit()],
  };
};

/**
 * Signing in for real: accounts in the run's Keycloak (made through its admin API), tokens from its endpoints,
 * the services verifying them through its JWKS. The console's authorization code + PKCE flow is driven over HTTP.
 */
describe('e2e: signing in with Keycloak', () => {
  let system: RunningSystem;
  let kc: Awaited<ReturnType<typeof keycloakContext>>;
  const healthCenterId = randomUUID();

  const account = async (role: string, scope: Scope = {}, realm?: string) => {
    const username = usernameFor(role);
    const password = randomPassword();
    const { id } = await createAccount(kc.admin, { username, password, firstName: `Uji ${role}`, role, scope, realm });
    return { id, username, password };
  };

  beforeAll(async () => {
    kc = await keycloakContext();
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('lets a midwife sign in as the console does (code + PKCE) and work within her role and villages, in every service', async () => {
    const midwife = await account('midwife', { hc: healthCenterId, villages: [SEMPU.code] });

    const tokens = await signIn({ url: kc.url, username: midwife.username, password: midwife.password });

    const claims = claimsOf(tokens.access_token);
    expect(claims).toMatchObject({ sub: midwife.id, azp: 'siaga-console', hc: healthCenterId, villages: [SEMPU.code], iss: kc.issuer });
    expect(claims.aud).toEqual(expect.arrayContaining(['siaga']));
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    const token = tokens.access_token;
    const allowedAndDenied = [
      [await call(system.url('registration'), 'POST', '/pregnancies', token, womanOf(SEMPU.code)), 201],
      [await call(system.url('registration'), 'POST', '/pregnancies', token, womanOf('35.10.01.2001')), 403],
      [await call(system.url('risk-scoring'), 'POST', '/assessments/preview', token, previewBody()), 200],
      [await call(system.url('risk-scoring'), 'POST', '/admin/rescore', token, {}), 403],
      [await call(system.url('alerts'), 'GET', '/alerts', token), 200],
      [await call(system.url('alerts'), 'POST', `/alerts/${randomUUID()}/acknowledge`, token), 403],
      [await call(system.url('referral'), 'GET', '/facilities', token), 200],
      [await call(system.url('referral'), 'POST', '/facilities', token, { kind: 'hospital', name: 'RS Bukan Wewenangnya' }), 403],
    ] as const;
    expect(allowedAndDenied.map(([response]) => response.status)).toEqual(allowedAndDenied.map(([, status]) => status));

    const renewed = await refresh({ url: kc.url, refreshToken: tokens.refresh_token });
    expect((await call(system.url('registration'), 'GET', '/pregnancies', renewed.access_token)).status).toBe(200);
  });

  it('gives the console client no token for a password: the password grant is for a test-only client', async () => {
    const midwife = await account('midwife', { hc: healthCenterId, villages: [SEMPU.code] });

    await expect(
      passwordGrant({ url: kc.url, username: midwife.username, password: midwife.password, clientId: 'siaga-console', clientSecret: '' }),
    ).rejects.toThrow(/unauthorized_client|not allowed|invalid_client/i);
  });

  it('signs a disabled account out: no new token, no refresh; what it holds expires within 5 minutes', async () => {
    const doctor = await account('doctor', { hc: healthCenterId });
    const held = await signIn({ url: kc.url, username: doctor.username, password: doctor.password });

    await setAccountEnabled(kc.admin, doctor.id, false);

    await expect(signIn({ url: kc.url, username: doctor.username, password: doctor.password })).rejects.toThrow(/could not sign in/);
    await expect(refresh({ url: kc.url, refreshToken: held.refresh_token })).rejects.toThrow(/invalid_grant/);
    const claims = claimsOf(held.access_token);
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(300);
  });

  it('refuses tampered, expired, other-realm and development-secret tokens with 401', async () => {
    const midwife = await account('midwife', { hc: healthCenterId, villages: [SEMPU.code] });
    const { access_token: token } = await signIn({ url: kc.url, username: midwife.username, password: midwife.password });
    const [header, payload, signature] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...claimsOf(token), villages: [SEMPU.code, '35.10.01.2001'] })).toString('base64url');
    const tampered = `${header}.${widened}.${signature}`;

    const shortLived = await ensureTestClient(kc.admin, { clientId: testClientId('one-second-tokens'), accessTokenLifespanSeconds: 1 });
    const expiring = (await passwordGrant({ url: kc.url, username: midwife.username, password: midwife.password, ...shortLived }))
      .access_token;

    const otherRealm = `siaga-other-${randomUUID().slice(0, 8)}`;
    await ensureRealm(kc.admin, { realm: otherRealm });
    try {
      const stranger = await account('midwife', { hc: healthCenterId, villages: [SEMPU.code] }, otherRealm);
      const client = await ensureTestClient(kc.admin, { realm: otherRealm });
      const foreign = (
        await passwordGrant({ url: kc.url, realm: otherRealm, username: stranger.username, password: stranger.password, ...client })
      ).access_token;
      const devSecret = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU.code] });

      const url = system.url('registration');
      expect((await call(url, 'GET', '/pregnancies', token)).status).toBe(200);
      expect((await call(url, 'GET', '/pregnancies', `${header}.${payload}.${signature}x`)).status).toBe(401);
      expect((await call(url, 'GET', '/pregnancies', tampered)).status).toBe(401);
      expect((await call(url, 'GET', '/pregnancies', foreign)).status).toBe(401);
      expect((await call(url, 'GET', '/pregnancies', devSecret)).status).toBe(401);

      // exp is 1 s after issue; the services allow 5 s of clock skew
      await new Promise((resolve) => setTimeout(resolve, Number(claimsOf(expiring).exp) * 1000 + 6_500 - Date.now()));
      expect((await call(url, 'GET', '/pregnancies', expiring)).status).toBe(401);
    } finally {
      await deleteRealm(kc.admin, otherRealm);
    }
  });

  it('enrols a volunteer an admin added with npm run user:add, on her first call after signing in', async () => {
    const username = usernameFor('escort');
    const { stdout } = await promisify(execFile)(process.execPath, [
      'scripts/keycloak/user-add.mjs',
      '--role=escort',
      '--name=Relawan Uji Sempu',
      `--username=${username}`,
      '--responder-kind=volunteer',
      '--organisation=Laskar SAKINA',
      '--phone=+62 812 0000 0099',
      `--villages=${SEMPU.code}`,
      '--json',
    ]);
    const added = JSON.parse(stdout) as { id: string; password: string; scope: { responder: string } };

    const { access_token: token } = await signIn({ url: kc.url, username, password: added.password });
    const me = await call(system.url('referral'), 'GET', '/responders/me', token);

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: added.scope.responder,
      kind: 'volunteer',
      name: 'Relawan Uji Sempu',
      organisation: 'Laskar SAKINA',
      phone: '+62 812 0000 0099',
      villageCodes: [SEMPU.code],
      onDuty: false,
    });
    const district = await signInAs('district');
    expect((await call(system.url('referral'), 'GET', `/responders?village=${SEMPU.code}`, district)).body).toContainEqual(
      expect.objectContaining({ id: added.scope.responder, kind: 'volunteer' }),
    );
  });

  it('takes up a rotated signing key without a restart, and refuses the withdrawn one within a minute', async () => {
    // A realm of its own: rotating the siaga realm's keys would disturb other test files.
    const realm = `siaga-rotation-${randomUUID().slice(0, 8)}`;
    await ensureRealm(kc.admin, { realm });
    const rotating = await startSystem({ ...(await realmAuthEnv(realm)) }, ['registration']);
    try {
      const midwife = await account('midwife', { hc: healthCenterId, villages: [SEMPU.code] }, realm);
      const client = await ensureTestClient(kc.admin, { realm });
      const newToken = async () => (await passwordGrant({ url: kc.url, realm, ...client, ...midwife })).access_token;
      const url = rotating.url('registration');
      const before = await newToken();
      expect((await call(url, 'GET', '/pregnancies', before)).status).toBe(200);

      const { body: realmRep } = await kc.admin.request('GET', `/${realm}`);
      const { body: providers } = await kc.admin.request('GET', `/${realm}/components?type=org.keycloak.keys.KeyProvider`);
      const oldRsa = (providers as { id: string; providerId: string }[]).filter((p) => p.providerId === 'rsa-generated');
      await kc.admin.request('POST', `/${realm}/components`, {
        name: 'rsa-rotated',
        providerId: 'rsa-generated',
        providerType: 'org.keycloak.keys.KeyProvider',
        parentId: realmRep.id,
        config: { priority: ['1000'], enabled: ['true'], active: ['true'], keySize: ['2048'], algorithm: ['RS256'] },
      });
      const after = await newToken();
      expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).not.toBe(
        JSON.parse(Buffer.from(before.split('.')[0], 'base64url').toString()).kid,
      );
      await eventually(async () => expect((await call(url, 'GET', '/pregnancies', after)).status).toBe(200), 15_000);

      for (const provider of oldRsa) {
        const { body: rep } = await kc.admin.request('GET', `/${realm}/components/${provider.id}`);
        await kc.admin.request('PUT', `/${realm}/components/${provider.id}`, { ...rep, config: { ...rep.config, enabled: ['false'] } });
      }
      await eventually(async () => expect((await call(url, 'GET', '/pregnancies', before)).status).toBe(401), 75_000);
      expect((await call(url, 'GET', '/pregnancies', after)).status).toBe(200);
    } finally {
      await rotating.stop();
      await deleteRealm(kc.admin, realm);
    }
  }, 180_000);

  async function signInAs(role: string): Promise<string> {
    const person = await account(role);
    return (await signIn({ url: kc.url, username: person.username, password: person.password })).access_token;
  }

  async function realmAuthEnv(realm: string): Promise<Record<string, string>> {
    const { issuer, jwksUrl } = await discover(kc.url, realm);
    return { JWT_SECRET: '', JWT_JWKS_URL: jwksUrl, JWT_ISSUER: issuer };
  }
});
