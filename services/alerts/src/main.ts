import 'reflect-metadata';
import { createServiceApp, listen } from '@siaga/http';
import { databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { AppModule, SCHEMA } from './app.module';

async function main(): Promise<void> {
  const db = databaseConfigFromEnv(SCHEMA);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await createServiceApp(AppModule, {
    title: 'Siaga alerts',
    description: 'Health-center doctors triage every emergency and high-risk finding; unacknowledged alerts escalate to the district.',
  });
  await listen(app, Number(process.env.PORT ?? 3003));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'alerts', msg: 'failed to start', err: String(error) }));
  process.exit(1);
});
