import { RequestMethod, SetMetadata, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC, type Actor } from '@siaga/auth';

export const REPLAY_POLICY = 'siaga:replay-policy';

/** Injection token of a service's ReplayAccess (its access policy, asked before a stored answer is given again). */
export const REPLAY_ACCESS = 'siaga:replay-access';

export type RouteParams = Readonly<Record<string, string | undefined>>;

/** The resource a stored answer is about, and the read that giving it again counts as. */
export interface ReplayTarget {
  resource: string;
  action: string;
  id: string;
}

export type ReplayPolicy =
  { kind: 'resource'; resource: string; action: string; id: (answer: unknown, params: RouteParams) => unknown } | { kind: 'route-roles' };

/**
 * A service's access policy for replays: throws its 403 / 404 problem unless `actor` may do `target.action` on the
 * resource now, and writes the access audit either way, as for any read.
 */
export interface ReplayAccess {
  authorizeReplay(actor: Actor, target: ReplayTarget): Promise<void>;
}

/**
 * An Idempotency-Key replay of this POST is answered only to a caller the service's access policy lets do `action`
 * on the resource the stored answer is about (checked and audited then, not when the key was first used: the
 * caller's scope may have changed since).
 */
export const ReplayAs = (resource: string, action: string, id: (answer: unknown, params: RouteParams) => unknown) =>
  SetMetadata(REPLAY_POLICY, { kind: 'resource', resource, action, id } satisfies ReplayPolicy);

/** The answer holds only what the caller sent, or what every holder of the route's roles sees anyway. */
export const ReplayToRouteRoles = () => SetMetadata(REPLAY_POLICY, { kind: 'route-roles' } satisfies ReplayPolicy);

/** The id is the answer's `key` (a created resource). */
export const answerKey =
  (key = 'id') =>
  (answer: unknown): unknown =>
    typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[key] : undefined;

/** The id is the route parameter `name`. */
export const routeParam =
  (name: string) =>
  (_answer: unknown, params: RouteParams): unknown =>
    params[name];

/** The replay policy of every token-holding POST route of these controllers ("Controller.method"), undefined when it declares none. */
export function replayPoliciesOf(controllers: readonly Type[]): { route: string; policy: ReplayPolicy | undefined }[] {
  const routes: { route: string; policy: ReplayPolicy | undefined }[] = [];
  for (const controller of controllers) {
    const publicController = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      if (publicController || Reflect.getMetadata(IS_PUBLIC, handler) === true) continue; // no caller, no key
      routes.push({ route: `${controller.name}.${name}`, policy: Reflect.getMetadata(REPLAY_POLICY, handler) as ReplayPolicy | undefined });
    }
  }
  return routes;
}
