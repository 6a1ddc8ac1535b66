import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { READINESS_CHECKS, type ReadinessCheck } from '@siaga/observability';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotentReplays } from './idempotency/idempotent-replays';
import { StreamLifetimeInterceptor } from './live/stream-lifetime.interceptor';
import { ProblemDetailsFilter } from './problem/problem.filter';

/** What every Siaga HTTP service has: problem+json errors, Idempotency-Key on POST, live feeds that end with their token, health and metrics. */
@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController],
  providers: [
    IdempotentReplays,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: StreamLifetimeInterceptor },
  ],
})
export class HttpModule {
  /** `readiness` builds the checks /health/ready runs (typically database and broker). */
  static forService(readiness: Omit<FactoryProvider<ReadinessCheck[]>, 'provide'>): DynamicModule {
    return { module: HttpModule, providers: [{ ...readiness, provide: READINESS_CHECKS }] };
  }
}
