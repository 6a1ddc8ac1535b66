/** The one thing shared libraries need from a transaction: run SQL. TypeORM's EntityManager and QueryRunner both fit. */
export interface SqlExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by the caller
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
