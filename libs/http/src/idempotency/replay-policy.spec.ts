import { Controller, Get, Post, type Type } from '@nestjs/common';
import type { DiscoveryService, ModuleRef } from '@nestjs/core';
import { Public, type Actor } from '@siaga/auth';
import { IdempotentReplays } from './idempotent-replays';
import { REPLAY_ACCESS, ReplayAs, ReplayToRouteRoles, answerKey, replayPoliciesOf, routeParam, type ReplayTarget } from './replay-policy';

@Controller('things')
class Things {
  @Post()
  @ReplayAs('thing', 'thing.read', answerKey('id'))
  create() {}

  @Post(':id/close')
  @ReplayAs('thing', 'thing.read', routeParam('id'))
  close() {}

  @Post('preview')
  @ReplayToRouteRoles()
  preview() {}

  @Post('forgotten')
  forgotten() {}

  @Get()
  list() {}

  @Post('hook')
  @Public()
  hook() {}
}

/** A controller with some of Things' routes (each keeps its decorators). */
const withRoutesOfThings = (...names: (keyof Things)[]): Type => {
  class Some {}
  for (const name of names) Object.defineProperty(Some.prototype, name, Object.getOwnPropertyDescriptor(Things.prototype, name)!);
  return Some;
};

/** A route handler as Nest hands it to interceptors. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what IdempotentReplays.authorize takes
const handler = (name: keyof Things): Function => Object.getOwnPropertyDescriptor(Things.prototype, name)!.value as Function;

const actor: Actor = { userId: 'u', role: 'midwife', villageCodes: [], requestId: 'r' };

const replaysOf = (controllers: Type[], access: unknown) => {
  const discovery = { getControllers: () => controllers.map((metatype) => ({ metatype })) } as unknown as DiscoveryService;
  const moduleRef = {
    get: (token: string) => {
      if (token !== REPLAY_ACCESS || !access) throw new Error('not provided');
      return access;
    },
  } as unknown as ModuleRef;
  return new IdempotentReplays(discovery, moduleRef);
};

describe('replay policies', () => {
  it('finds every token-holding POST route, with its policy or none', () => {
    expect(replayPoliciesOf([Things]).map((r) => [r.route, r.policy?.kind])).toEqual([
      ['Things.create', 'resource'],
      ['Things.close', 'resource'],
      ['Things.preview', 'route-roles'],
      ['Things.forgotten', undefined],
    ]);
  });

  it('keeps a service with a POST route that declares no policy from starting', () => {
    expect(() => replaysOf([Things], { authorizeReplay: () => Promise.resolve() }).onApplicationBootstrap()).toThrow(/Things\.forgotten/);
  });

  it('keeps a service from starting when a route asks the access policy and there is none', () => {
    const sut = replaysOf([withRoutesOfThings('create')], null);
    expect(() => sut.onApplicationBootstrap()).toThrow(/no siaga:replay-access provider/);
  });

  it('asks the service’s access policy about the resource the stored answer names, from the answer or the route', async () => {
    const asked: ReplayTarget[] = [];
    const sut = replaysOf([withRoutesOfThings('create', 'close', 'preview')], {
      authorizeReplay: (_: Actor, target: ReplayTarget) => {
        asked.push(target);
        return Promise.resolve();
      },
    });
    sut.onApplicationBootstrap();
    await sut.authorize(actor, handler('create'), {}, { id: 'a1', name: 'Ibu' });
    await sut.authorize(actor, handler('close'), { id: 'b2' }, { id: 'ignored' });
    await sut.authorize(actor, handler('preview'), {}, { score: 4 });
    expect(asked).toEqual([
      { resource: 'thing', action: 'thing.read', id: 'a1' },
      { resource: 'thing', action: 'thing.read', id: 'b2' },
    ]);
  });

  it('refuses a replay when the access policy refuses, and when the answer names nothing', async () => {
    const sut = replaysOf([], {
      authorizeReplay: () => Promise.reject(new Error('outside your scope')),
    });
    sut.onApplicationBootstrap();
    await expect(sut.authorize(actor, handler('create'), {}, { id: 'a1' })).rejects.toThrow('outside your scope');
    await expect(sut.authorize(actor, handler('create'), {}, null)).rejects.toThrow(/names no thing/);
    await expect(sut.authorize(actor, handler('forgotten'), {}, { id: 'a1' })).rejects.toThrow(/without a replay policy/);
  });
});
