import { Injectable, type CallHandler, type ExecutionContext, type MessageEvent, type NestInterceptor } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '@siaga/auth';
import { Observable } from 'rxjs';

// setTimeout's limit (~24.8 days): a stream of a longer-lived token ends then, and the client reconnects.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The last event of a stream whose token expired: the client reconnects with a fresh token. */
export const tokenExpiredEvent = (expiresAt: number): MessageEvent => ({
  type: 'token-expired',
  data: { expiredAt: new Date(expiresAt).toISOString(), reconnect: 'with a fresh token' },
});

/**
 * `source` until `expiresAt` (ms since the epoch), then a `token-expired` event and the end; if `source` ends or
 * fails first, so does the result. Nothing it emits after the token expired reaches the client.
 */
export function untilTokenExpires(
  source: Observable<MessageEvent>,
  expiresAt: number,
  now: () => number = Date.now,
): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    const end = () => {
      subscriber.next(tokenExpiredEvent(expiresAt));
      subscriber.complete();
    };
    const remaining = expiresAt - now();
    if (remaining <= 0) {
      end();
      return undefined;
    }
    const timer = setTimeout(end, Math.min(remaining, MAX_TIMER_MS));
    timer.unref();
    const subscription = source.subscribe(subscriber);
    return () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  });
}

/**
 * Every Server-Sent-Events route (any service, any feed) ends its stream when the token that opened it expires:
 * the token is checked once, when the stream opens, so without this a feed outlived it for as long as the
 * connection held.
 */
@Injectable()
export class StreamLifetimeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler<MessageEvent>): Observable<MessageEvent> {
    const isStream = this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true;
    const expiresAt = context.switchToHttp().getRequest<AuthenticatedRequest>().actor?.expiresAt;
    if (!isStream || expiresAt === undefined) return next.handle();
    return untilTokenExpires(next.handle(), expiresAt);
  }
}
