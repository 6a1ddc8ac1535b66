export * from './referral.catalog';
