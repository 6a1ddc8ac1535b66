import 'reflect-metadata';
import { createServiceApp, listen } from '@siaga/http';
import { databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { AppModule, SCHEMA } from './app.module';

async function main(): Promise<void> {
  const db = databaseConfigFromEnv(SCHEMA);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await createServiceApp(AppModule, {
    title: 'Siaga referral',
    description:
      'Hospital referral exchange (offer, accept / decline, cascade on silence, escalation) and escort dispatch to police and volunteers.',
  });
  await listen(app, Number(process.env.PORT ?? 3004));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'referral', msg: 'failed to start', err: String(error) }));
  process.exit(1);
});
