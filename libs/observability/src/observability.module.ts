import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LOGGER, createLogger } from './logger';

/** Makes the process's root logger injectable everywhere (token LOGGER). */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [{ provide: LOGGER, useFactory: () => createLogger(service) }],
      exports: [LOGGER],
    };
  }
}
