import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

describe(VerifiedTokenCache.name, () => {
  let nowMs: number;
  const midwife: Principal = { userId: 'u1', role: 'midwife', villageCodes: ['35.10.20.2001'] };
  const inSeconds = (seconds: number) => Math.floor(nowMs / 1000) + seconds;

  beforeEach(() => {
    nowMs = Date.parse('2026-11-28T10:00:00Z');
  });

  it('answers a verified token until it expires', () => {
    const sut = new VerifiedTokenCache(10, 60_000, () => nowMs);
    sut.remember('token-a', midwife, inSeconds(30));

    expect(sut.get('token-a')).toEqual(midwife);
    nowMs += 29_999;
    expect(sut.get('token-a')).toEqual(midwife);
    nowMs += 1;
    expect(sut.get('token-a')).toBeUndefined();
  });

  it('forgets a long-lived token after its time to live, so it is verified again', () => {
    const sut = new VerifiedTokenCache(10, 60_000, () => nowMs);
    sut.remember('token-a', midwife, inSeconds(12 * 3600));

    nowMs += 60_000;

    expect(sut.get('token-a')).toBeUndefined();
  });

  it('shares a frozen principal, so no request can change another one', () => {
    const sut = new VerifiedTokenCache(10, 60_000, () => nowMs);
    const shared = sut.remember('token-a', midwife, inSeconds(30));

    expect(Object.isFrozen(shared)).toBe(true);
    expect(() => shared.villageCodes.push('35.10.20.2002')).toThrow(TypeError);
    expect(sut.get('token-a')?.villageCodes).toEqual(['35.10.20.2001']);
  });

  it('makes room by dropping the oldest token', () => {
    const sut = new VerifiedTokenCache(2, 60_000, () => nowMs);
    sut.remember('token-a', midwife, inSeconds(30));
    sut.remember('token-b', midwife, inSeconds(30));
    sut.remember('token-c', midwife, inSeconds(30));

    expect(sut.get('token-a')).toBeUndefined();
    expect(sut.get('token-b')).toBeDefined();
    expect(sut.get('token-c')).toBeDefined();
  });
});
