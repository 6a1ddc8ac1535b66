import { Injectable, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Actor } from '@siaga/auth';
import { REPLAY_ACCESS, REPLAY_POLICY, replayPoliciesOf, type ReplayAccess, type ReplayPolicy, type RouteParams } from './replay-policy';

/**
 * Decides whether a stored Idempotency-Key answer may be given again, by the route's ReplayPolicy. Refuses to start
 * a service with a POST route that declares none: a replay would otherwise skip the access policy and the audit.
 */
@Injectable()
export class IdempotentReplays implements OnApplicationBootstrap {
  private access: ReplayAccess | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const controllers = this.discovery.getControllers().flatMap((w) => (w.metatype ? [w.metatype as Type] : []));
    const routes = replayPoliciesOf(controllers);
    const missing = routes.filter((r) => r.policy === undefined).map((r) => r.route);
    if (missing.length > 0) {
      throw new Error(`POST routes without a replay policy (@ReplayAs or @ReplayToRouteRoles): ${missing.join(', ')}`);
    }
    try {
      this.access = this.moduleRef.get<ReplayAccess>(REPLAY_ACCESS, { strict: false });
    } catch {
      this.access = null; // a service whose replays all go to the route's roles needs none
    }
    const unchecked = routes.filter((r) => r.policy?.kind === 'resource' && !this.access).map((r) => r.route);
    if (unchecked.length > 0) throw new Error(`@ReplayAs routes but no ${REPLAY_ACCESS} provider: ${unchecked.join(', ')}`);
  }

  /** Throws (the service's own 403 / 404, audited) unless the caller may be given `answer` again. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a route handler, as Nest hands it over
  async authorize(actor: Actor, handler: Function, params: RouteParams, answer: unknown): Promise<void> {
    const policy = Reflect.getMetadata(REPLAY_POLICY, handler) as ReplayPolicy | undefined;
    if (!policy) throw new Error('a POST route without a replay policy was called');
    if (policy.kind === 'route-roles') return; // the guards let this role in; the answer holds nothing more
    const id = policy.id(answer, params);
    if (typeof id !== 'string') throw new Error(`the stored answer names no ${policy.resource}`);
    if (!this.access) throw new Error(`no ${REPLAY_ACCESS} provider for ${policy.resource} replays`);
    await this.access.authorizeReplay(actor, { resource: policy.resource, action: policy.action, id });
  }
}
