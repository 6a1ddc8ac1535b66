import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessAudit } from './access-audit';
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
export class AuthModule {}
