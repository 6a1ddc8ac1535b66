export * from './escort.events';
export * from './referral-vocabulary';
export * from './referral.catalog';
export * from './referral.events';
