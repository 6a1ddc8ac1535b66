import { jest } from '@jest/globals';
import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import { untilTokenExpires } from './stream-lifetime.interceptor';

describe('a live feed and its token', () => {
  const T0 = Date.parse('2026-06-01T00:00:00Z');
  let source: Subject<MessageEvent>;
  let seen: (MessageEvent | 'end')[];

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    source = new Subject<MessageEvent>();
    seen = [];
  });
  afterEach(() => jest.useRealTimers());

  const follow = (expiresAt: number) =>
    untilTokenExpires(source, expiresAt).subscribe({ next: (e) => seen.push(e), complete: () => seen.push('end') });

  it('passes events on until the token expires, then says so and ends; later events are not sent', () => {
    follow(T0 + 6_000);
    source.next({ type: 'alert', data: '1' });
    jest.advanceTimersByTime(5_999);
    source.next({ type: 'alert', data: '2' });
    jest.advanceTimersByTime(1);
    source.next({ type: 'alert', data: '3' });
    expect(seen).toEqual([
      { type: 'alert', data: '1' },
      { type: 'alert', data: '2' },
      { type: 'token-expired', data: { expiredAt: '2026-06-01T00:00:06.000Z', reconnect: 'with a fresh token' } },
      'end',
    ]);
    expect(source.observed).toBe(false);
  });

  it('ends at once for a token already expired', () => {
    follow(T0 - 1);
    source.next({ type: 'alert', data: '1' });
    expect(seen).toEqual([expect.objectContaining({ type: 'token-expired' }), 'end']);
  });

  it('ends with its source, leaving no timer behind', () => {
    follow(T0 + 60_000);
    source.complete();
    expect(seen).toEqual(['end']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
