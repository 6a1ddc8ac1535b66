export * from './access-audit';
export * from './auth-config';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './care-scope';
export * from './principal';
export * from './token-verifier';
