export * from './alert.events';
export * from './alerts.catalog';
