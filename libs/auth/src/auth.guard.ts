import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { AccessAudit } from './access-audit';
import { ALLOWED_ROLES, IS_PUBLIC, type AuthenticatedRequest } from './auth.decorators';
import { deniedTarget } from './denied-target';
import type { Role } from './principal';
import { TokenVerifier } from './token-verifier';

interface RequestWithHeaders extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  url: string;
  routeOptions?: { url?: string };
  params?: Record<string, string>;
  query?: Record<string, unknown>;
}

/** Global guard: every endpoint needs a valid bearer token unless marked @Public(), and a listed role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * The Authorization header; on Server-Sent-Event routes also `?access_token=`, because a browser's
   * EventSource (a police post's screen) cannot send headers. Only there: elsewhere a token in a URL
   * would end up in proxies' logs and browser history for nothing.
   */
  private bearerToken(request: RequestWithHeaders, context: ExecutionContext): string | undefined {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match) return match[1];
    const isStream = this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true;
    const fromQuery = request.query?.access_token;
    return isStream && typeof fromQuery === 'string' && fromQuery.length > 0 ? fromQuery : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithHeaders>();
    const token = this.bearerToken(request, context);
    if (!token) throw new UnauthorizedException('A bearer token is required');
    let principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      throw new UnauthorizedException(error instanceof Error ? error.message : 'Invalid token');
    }
    request.actor = { ...principal, requestId: String(request.id) };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      const action = `${request.method} ${request.routeOptions?.url ?? request.url}`;
      await this.audit.record({
        actor: request.actor,
        action,
        ...deniedTarget(request.routeOptions?.url, request.params),
        outcome: 'denied',
        reason: 'role not allowed',
      });
      throw new ForbiddenException(`Role ${principal.role} may not ${action}`);
    }
    return true;
  }
}
