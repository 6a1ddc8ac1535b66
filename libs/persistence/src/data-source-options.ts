import type { DataSourceOptions, MixedList } from 'typeorm';
import type { DatabaseConfig } from './database-config';
import { PreparedStatementClient } from './prepared-statement-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * TypeORM options for a service. Schema changes only through migrations, run at start-up;
 * `synchronize` is never on. search_path pins unqualified SQL (outbox, inbox, audit) to the service's schema.
 */
export function dataSourceOptions(config: DatabaseConfig, options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    parseInt8: true,
    useUTC: true,
    extra: {
      ...(config.preparedStatements && { Client: PreparedStatementClient }),
      max: config.poolSize,
      // An exhausted pool answers with an error (503 via readiness, retried by consumers), never hangs.
      connectionTimeoutMillis: 10_000,
      options: `-c search_path=${config.schema},public -c timezone=UTC`,
      application_name: `siaga-${config.schema}`,
    },
  };
}
