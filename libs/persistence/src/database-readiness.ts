import type { ReadinessCheck } from '@siaga/observability';
import type { DataSource } from 'typeorm';

export const databaseReadiness = (dataSource: DataSource): ReadinessCheck => ({
  name: 'database',
  check: async () => {
    await dataSource.query('SELECT 1');
  },
});
