export const FACTOR_STATUSES = ['present', 'absent', 'unknown'] as const;
export type FactorStatus = (typeof FACTOR_STATUSES)[number];
