export * from './alerts.catalog';
