export * from './logger';
export * from './observability.module';
export * from './readiness';
