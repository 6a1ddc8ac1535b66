import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_AUDIT_MIGRATIONS, AuthModule } from '@siaga/auth';
import { HttpModule } from '@siaga/http';
import { brokerReadiness, deadLetterReadiness, MessageBus, MessagingModule, MESSAGING_MIGRATIONS } from '@siaga/messaging';
import { NotificationTables1765213200000, NotificationsModule } from '@siaga/notifications';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, dataSourceOptions, databaseReadiness } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import { AssessmentAccess } from './access/assessment-access';
import { AssessmentReader } from './assessment/assessment-reader.service';
import { AssessmentController } from './assessment/assessment.controller';
import { AssessmentEntity } from './assessment/assessment.entity';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentService } from './assessment/assessment.service';
import { ruleSetProvider } from './assessment/rule-set.provider';
import { InitialSchema1764400000000 } from './migrations/1764400000000-initial-schema';
import { PreviewController } from './preview/preview.controller';
import { PreviewService } from './preview/preview.service';
import { PregnancyEventsConsumer } from './projection/pregnancy-events.consumer';
import { PregnancyFactsEntity } from './projection/pregnancy-facts.entity';
import { PregnancyFactsRepository } from './projection/pregnancy-facts.repository';
import { PregnancyFactsService } from './projection/pregnancy-facts.service';
import { RescoreController } from './rescore/rescore.controller';
import { RescoreService } from './rescore/rescore.service';

export const SERVICE = 'risk-scoring';
export const SCHEMA = 'risk_scoring';

/** The service's database: its own schema, migrated at start-up. */
export const RiskScoringDatabase = TypeOrmModule.forRootAsync({
  useFactory: () =>
    dataSourceOptions(databaseConfigFromEnv(SCHEMA), {
      entities: [PregnancyFactsEntity, AssessmentEntity],
      migrations: [InitialSchema1764400000000, ...MESSAGING_MIGRATIONS, ...ACCESS_AUDIT_MIGRATIONS, NotificationTables1765213200000],
    }),
});

/**
 * Facts, scoring and re-scoring: everything but HTTP and Kafka consumers, shared by the service and the
 * re-score CLI. Needs from its host: persistence (TransactionContext), LOGGER and an OutboxWriter.
 */
@Module({
  providers: [ruleSetProvider, PregnancyFactsRepository, AssessmentRepository, AssessmentService, PregnancyFactsService, RescoreService],
  exports: [ruleSetProvider, PregnancyFactsRepository, AssessmentRepository, AssessmentService, PregnancyFactsService, RescoreService],
})
export class ScoringModule {}

@Module({
  imports: [
    ObservabilityModule.forRoot(SERVICE),
    RiskScoringDatabase,
    PersistenceModule,
    AuthModule.forService({ service: SERVICE, event: 'riskScoringAccessRecorded' }),
    MessagingModule.forService(SERVICE),
    // The dead-letter alarm's notices to the district (and the admin API of its recipients).
    NotificationsModule.forService(),
    HttpModule.forService({
      inject: [DataSource, MessageBus],
      useFactory: (dataSource: DataSource, bus: MessageBus) => [
        databaseReadiness(dataSource),
        brokerReadiness(bus),
        deadLetterReadiness(dataSource),
      ],
    }),
    ScoringModule,
  ],
  controllers: [AssessmentController, PreviewController, RescoreController],
  providers: [AssessmentAccess, AssessmentReader, PreviewService, PregnancyEventsConsumer],
})
export class AppModule {}
