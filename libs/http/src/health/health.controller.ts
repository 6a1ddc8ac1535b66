import { Controller, Get, Header, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@siaga/auth';
import { READINESS_CHECKS, overallReadiness, type CheckOutcome, type ReadinessCheck } from '@siaga/observability';
import { register } from 'prom-client';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

async function outcomeOf(check: ReadinessCheck): Promise<CheckOutcome> {
  try {
    const result = await withTimeout(check.check(), 2000);
    return result ? { status: 'degraded', reason: result.degraded } : { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** The process is up (for restarts by a supervisor). */
  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  /**
   * Every dependency answers (for load balancers): 503 naming what is down. Degraded (e.g. a clinical event was
   * dead-lettered) is still 200: the service works, and unrouting or restarting it would only add a second outage.
   */
  @Get('health/ready')
  @HttpCode(200)
  async ready() {
    const outcomes = await Promise.all(this.checks.map(async (c) => [c.name, await outcomeOf(c)] as const));
    const checks = Object.fromEntries(outcomes);
    const status = overallReadiness(outcomes.map(([, outcome]) => outcome));
    if (status === 'down') throw new ServiceUnavailableException({ message: 'not ready', checks });
    return { status, checks };
  }

  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
