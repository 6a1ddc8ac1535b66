export * from './access-audit';
export * from './auth-config';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './principal';
export * from './token-verifier';
