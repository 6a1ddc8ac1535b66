import { createHash } from 'node:crypto';
import { HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { AuthenticatedRequest } from '@siaga/auth';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException } from '../problem/problem';
import { IdempotentReplays } from './idempotent-replays';
import type { RouteParams } from './replay-policy';

interface PostRequest extends AuthenticatedRequest {
  method: string;
  url: string;
  params?: RouteParams;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface StoredKey {
  method: string;
  path: string;
  request_hash: string;
  status_code: number;
  response: unknown;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Idempotency-Key on POST: the key, the handler's writes and the stored response commit in one
 * transaction, so a retry (flaky mobile network) returns the first result and creates nothing twice.
 * A concurrent retry waits on the key's row lock; the same key with another body is a 422. A replay is
 * answered only to a caller who may see the result now (the route's replay policy: the service's access
 * policy, audited like any read): the key belongs to a user id, not to the scope that user had then.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly replays: IdempotentReplays,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<PostRequest>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (request.method !== 'POST' || !key || !request.actor) return next.handle();
    if (key.length > 200) throw new ProblemException(400, 'idempotency-key-invalid', 'Idempotency-Key is too long');
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const actor = request.actor;
    const userId = actor.userId;
    const path = request.url;
    const hash = createHash('sha256')
      .update(canonical(request.body ?? null))
      .digest('hex');
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? HttpStatus.CREATED;

    return from(
      this.transactions.run(async (manager) => {
        const claimed: unknown[] = await manager.query(
          `INSERT INTO idempotency_key (user_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING key`,
          [userId, key, request.method, path, hash],
        );
        if (claimed.length === 0) {
          const [stored] = await queryRows<StoredKey>(
            manager,
            `SELECT method, path, request_hash, status_code, response FROM idempotency_key WHERE user_id = $1 AND key = $2`,
            [userId, key],
          );
          if (stored.request_hash !== hash || stored.path !== path || stored.method !== request.method) {
            throw new ProblemException(422, 'idempotency-key-reused', 'This Idempotency-Key was already used for a different request');
          }
          await this.replays.authorize(actor, context.getHandler(), request.params ?? {}, stored.response);
          void reply.status(stored.status_code).header('idempotent-replayed', 'true');
          return stored.response;
        }
        const response: unknown = await lastValueFrom(next.handle(), { defaultValue: null });
        await manager.query(`UPDATE idempotency_key SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
          userId,
          key,
          status,
          JSON.stringify(response ?? null),
        ]);
        return response;
      }),
    );
  }
}
