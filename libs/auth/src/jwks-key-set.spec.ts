import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { JwksKeySet } from './jwks-key-set';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

describe(JwksKeySet.name, () => {
  let nowMs: number;
  let published: JWK[];
  let reachable: boolean;
  let fetches: number;
  let k1: KeyPair;
  let k2: KeyPair;

  const jwk = async (pair: KeyPair, kid: string): Promise<JWK> => ({ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' });
  const tokenSignedWith = (pair: KeyPair, kid: string) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('u').setExpirationTime('5m').sign(pair.privateKey);

  const fakeFetch = (() => {
    fetches += 1;
    if (!reachable) return Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED'));
    return Promise.resolve(new Response(JSON.stringify({ keys: published }), { headers: { 'content-type': 'application/json' } }));
  }) as typeof fetch;

  const newSut = () =>
    new JwksKeySet(new URL('http://idp.test/certs'), {
      maxAgeMs: 30_000,
      cooldownMs: 5_000,
      staleIfErrorMs: 300_000,
      now: () => nowMs,
      fetch: fakeFetch,
    });
  const accepts = async (sut: JwksKeySet, token: string) =>
    jwtVerify(token, sut.getKey, { algorithms: ['RS256'] }).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    k1 = await generateKeyPair('RS256');
    k2 = await generateKeyPair('RS256');
  });

  beforeEach(async () => {
    nowMs = Date.parse('2026-12-03T10:00:00Z');
    published = [await jwk(k1, 'k1')];
    reachable = true;
    fetches = 0;
  });

  it('takes up a rotated key without a restart, once the cooldown since the last fetch is over', async () => {
    const sut = newSut();
    expect(await accepts(sut, await tokenSignedWith(k1, 'k1'))).toBe(true);

    published = [await jwk(k2, 'k2'), await jwk(k1, 'k1')];
    const rotated = await tokenSignedWith(k2, 'k2');
    nowMs += 4_999;
    expect(await accepts(sut, rotated)).toBe(false);
    nowMs += 1;
    expect(await accepts(sut, rotated)).toBe(true);
  });

  it('fetches at most once per cooldown however many tokens name unknown keys', async () => {
    const sut = newSut();
    await accepts(sut, await tokenSignedWith(k1, 'k1'));
    const forged = await tokenSignedWith(k2, 'nobody');

    for (let i = 0; i < 20; i++) await accepts(sut, forged);
    nowMs += 5_000;
    for (let i = 0; i < 20; i++) await accepts(sut, forged);

    expect(fetches).toBe(2);
  });

  it('stops accepting a withdrawn key once the keys are older than their maximum age', async () => {
    const sut = newSut();
    const old = await tokenSignedWith(k1, 'k1');
    expect(await accepts(sut, old)).toBe(true);

    published = [await jwk(k2, 'k2')];
    nowMs += 29_999;
    expect(await accepts(sut, old)).toBe(true);
    nowMs += 1;
    expect(await accepts(sut, old)).toBe(false);
  });

  it('keeps the last keys while the identity provider is unreachable, for a while only', async () => {
    const sut = newSut();
    const token = await tokenSignedWith(k1, 'k1');
    expect(await accepts(sut, token)).toBe(true);

    reachable = false;
    nowMs += 60_000;
    expect(await accepts(sut, token)).toBe(true);
    nowMs += 239_999;
    expect(await accepts(sut, token)).toBe(true);
    nowMs += 1;
    expect(await accepts(sut, token)).toBe(false);

    reachable = true;
    expect(await accepts(sut, token)).toBe(true);
  });

  it('refuses every token while it never had keys', async () => {
    reachable = false;
    const sut = newSut();

    expect(await accepts(sut, await tokenSignedWith(k1, 'k1'))).toBe(false);
  });
});
