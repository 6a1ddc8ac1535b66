/** The one thing shared libraries need from a transaction: run SQL. TypeORM's EntityManager and QueryRunner both fit. */
export interface SqlExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Runs SQL and types its rows (the caller states the row shape; the SQL is right beside it). */
export async function queryRows<T>(executor: SqlExecutor, sql: string, parameters?: unknown[]): Promise<T[]> {
  return (await executor.query(sql, parameters)) as T[];
}
