import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_AUDIT_PUBLICATION, AccessAudit, type AccessAuditPublication } from './access-audit';
import { AUTH_CONFIG, authConfigFromEnv } from './auth-config';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    { provide: AUTH_CONFIG, useFactory: () => authConfigFromEnv() },
    TokenVerifier,
    AccessAudit,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AUTH_CONFIG, TokenVerifier, AccessAudit],
})
export class AuthModule {
  /**
   * As the plain module, and the access records that name a pregnancy also go out as `publication.event`
   * through the outbox (the service must import MessagingModule), for registration's system-wide access log.
   */
  static forService(publication: AccessAuditPublication): DynamicModule {
    return { module: AuthModule, providers: [{ provide: ACCESS_AUDIT_PUBLICATION, useValue: publication }] };
  }
}
