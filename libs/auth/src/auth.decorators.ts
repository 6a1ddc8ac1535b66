import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from './principal';

export const IS_PUBLIC = 'siaga:isPublic';
export const ALLOWED_ROLES = 'siaga:roles';

/** No token needed (health, metrics, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the endpoint; everything else is 403 (and audited). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest {
  id: string;
  actor?: Actor;
}

/** The verified caller of this request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a public endpoint');
  return request.actor;
});
