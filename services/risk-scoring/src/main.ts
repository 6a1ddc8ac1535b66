import 'reflect-metadata';
import { createServiceApp, listen } from '@siaga/http';
import { databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { AppModule, SCHEMA } from './app.module';

async function main(): Promise<void> {
  const db = databaseConfigFromEnv(SCHEMA);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await createServiceApp(AppModule, {
    title: 'Siaga risk scoring',
    description: 'KSPR (Poedji Rochjati) score and WHO ANC danger signs for every pregnancy, after every fact.',
  });
  await listen(app, Number(process.env.PORT ?? 3002));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'risk-scoring', msg: 'failed to start', err: String(error) }));
  process.exit(1);
});
