/** Where a service's data lives: one PostgreSQL database, one schema per service that only it reads and writes. */
export interface DatabaseConfig {
  url: string;
  schema: string;
  poolSize: number;
  /** Named prepared statements (see PreparedStatementClient); off behind a transaction-mode connection pooler. */
  preparedStatements: boolean;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/siaga';

export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return {
    url: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    schema: env.DATABASE_SCHEMA ?? schema,
    poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== 'false',
  };
}
