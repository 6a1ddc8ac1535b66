import { databaseConfigFromEnv, dataSourceOptions, ensureDatabaseAndSchema } from '@siaga/persistence';
import { DataSource } from 'typeorm';

/** For a library's own tests (no service around it): a DataSource on the file's schema, with the tables it needs. */
export async function openTestDataSource(schema: string, ...ddl: string[]): Promise<DataSource> {
  const db = databaseConfigFromEnv(schema);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const dataSource = new DataSource({ ...dataSourceOptions(db, { entities: [], migrations: [] }), migrationsRun: false });
  await dataSource.initialize();
  for (const sql of ddl) await dataSource.query(sql);
  return dataSource;
}
