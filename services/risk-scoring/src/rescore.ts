import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MESSAGING_CONFIG, OutboxWriter, messagingConfigFromEnv } from '@siaga/messaging';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';
import { RiskScoringDatabase, SCHEMA, SERVICE, ScoringModule } from './app.module';
import { DEFAULT_RESCORE_BATCH, RescoreService } from './rescore/rescore.service';

/**
 * CLI: re-score every open pregnancy after a rule-set change.
 *   node dist/services/risk-scoring/src/rescore.js [--batch-size 500]
 * It only writes (assessments + outbox rows, same database and schema as the service); the running
 * service's outbox relay publishes them at its next poll (OUTBOX_POLL_MS). No HTTP server, no consumers, no broker needed.
 */

/** The outbox writer without the relay and consumers MessagingModule would start. */
@Global()
@Module({
  providers: [{ provide: MESSAGING_CONFIG, useFactory: () => messagingConfigFromEnv(SERVICE) }, OutboxWriter],
  exports: [MESSAGING_CONFIG, OutboxWriter],
})
class OutboxOnlyModule {}

@Module({ imports: [ObservabilityModule.forRoot(SERVICE), RiskScoringDatabase, PersistenceModule, OutboxOnlyModule, ScoringModule] })
class RescoreCliModule {}

function batchSizeFrom(args: string[]): number {
  const i = args.indexOf('--batch-size');
  if (i === -1) return DEFAULT_RESCORE_BATCH;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 5000) throw new Error('--batch-size must be an integer from 1 to 5000');
  return value;
}

async function main(): Promise<void> {
  const batchSize = batchSizeFrom(process.argv.slice(2));
  const db = databaseConfigFromEnv(SCHEMA);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await NestFactory.createApplicationContext(RescoreCliModule, { logger: ['error', 'warn'] });
  try {
    const report = await app.get(RescoreService).rescoreOpenPregnancies({ batchSize });
    console.log(JSON.stringify(report));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'risk-scoring', msg: 're-score failed', err: String(error) }));
  process.exit(1);
});
