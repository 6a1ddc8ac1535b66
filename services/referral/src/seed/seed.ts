import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, TransactionContext, databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { ReferralDatabase, SCHEMA, SERVICE } from '@referral/app.module';
import { RegistryRepository } from '@referral/registry/registry.repository';
import { seedDemoRegency } from './demo-seeder';

/**
 * Loads the demo regency into the referral service's registry, idempotently (fixed ids, upserts):
 *   node dist/services/referral/src/seed/seed.js
 * `npm start` runs it once the services are ready. Same DATABASE_URL / DATABASE_SCHEMA as the service.
 */
@Module({ imports: [ObservabilityModule.forRoot(`${SERVICE}-seed`), ReferralDatabase, PersistenceModule], providers: [RegistryRepository] })
class SeedModule {}

async function main(): Promise<void> {
  const db = databaseConfigFromEnv(SCHEMA);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const counts = await seedDemoRegency(app.get(RegistryRepository), app.get(TransactionContext));
    console.log(JSON.stringify({ level: 'info', service: SERVICE, msg: 'demo regency loaded', schema: db.schema, ...counts }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: SERVICE, msg: 'seed failed', err: String(error) }));
  process.exit(1);
});
