import { Controller, Get, Header, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@siaga/auth';
import { READINESS_CHECKS, type ReadinessCheck } from '@siaga/observability';
import { register } from 'prom-client';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

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

  /** Every dependency answers (for load balancers): 503 naming what is down. */
  @Get('health/ready')
  @HttpCode(200)
  async ready() {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), 2000);
          return [c.name, { status: 'up' }] as [string, { status: string; error?: string }];
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return [c.name, { status: 'down', error: reason }] as [string, { status: string; error?: string }];
        }
      }),
    );
    const checks: Record<string, { status: string; error?: string }> = Object.fromEntries(results);
    if (results.some(([, r]) => r.status === 'down')) {
      throw new ServiceUnavailableException({ message: 'not ready', checks });
    }
    return { status: 'up', checks };
  }

  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
