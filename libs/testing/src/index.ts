export * from './bad-dates';
export * from './clinical-fixtures';
export * from './eventually';
export * from './kafka-probe';
export * from './service-under-test';
export * from './test-environment';
export * from './tokens';
export * from './test-data-source';
