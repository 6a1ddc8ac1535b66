import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_AUDIT_MIGRATIONS, AuthModule } from '@siaga/auth';
import { HttpModule, REPLAY_ACCESS } from '@siaga/http';
import { brokerReadiness, deadLetterReadiness, MessageBus, MessagingModule, MESSAGING_MIGRATIONS } from '@siaga/messaging';
import { NotificationsModule } from '@siaga/notifications';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, dataSourceOptions, databaseReadiness } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import { AlertAccess } from './access/alert-access';
import { AlertJournal } from './alert/alert-journal';
import { AlertRepository } from './alert/alert.repository';
import { AlertService } from './alert/alert.service';
import { AssessmentConsumer } from './assessment/assessment.consumer';
import { ESCALATION_POLICY, escalationPolicyFromEnv } from './escalation/escalation-policy';
import { EscalationService } from './escalation/escalation.service';
import { EscalationWorker } from './escalation/escalation.worker';
import { AlertFeed } from './live/alert-feed';
import { AlertStreamController } from './live/alert-stream.controller';
import { AlertStreamGuard } from './live/alert-stream.guard';
import { InitialSchema1764700000000 } from './migrations/1764700000000-initial-schema';
import { AlertNotifier } from './notify/alert-notifier';
import { PregnancyEventsConsumer } from './pregnancy/pregnancy-events.consumer';
import { PregnancySummaryRepository } from './pregnancy/pregnancy-summary.repository';
import { PregnancySummaryService } from './pregnancy/pregnancy-summary.service';
import { ReferralEventsConsumer } from './referral/referral-events.consumer';
import { TriageController } from './triage/triage.controller';
import { TriageReplayAccess } from './triage/triage-replay-access';
import { TriageService } from './triage/triage.service';

export const SERVICE = 'alerts';
export const SCHEMA = 'alerts';

@Module({
  imports: [
    ObservabilityModule.forRoot(SERVICE),
    TypeOrmModule.forRootAsync({
      useFactory: () =>
        dataSourceOptions(databaseConfigFromEnv(SCHEMA), {
          entities: [],
          migrations: [InitialSchema1764700000000, ...MESSAGING_MIGRATIONS, ...ACCESS_AUDIT_MIGRATIONS],
        }),
    }),
    PersistenceModule,
    AuthModule.forService({ service: SERVICE, event: 'alertsAccessRecorded' }),
    MessagingModule.forService(SERVICE),
    NotificationsModule.forService(),
    HttpModule.forService({
      inject: [DataSource, MessageBus],
      useFactory: (dataSource: DataSource, bus: MessageBus) => [
        databaseReadiness(dataSource),
        brokerReadiness(bus),
        deadLetterReadiness(dataSource),
      ],
    }),
  ],
  // The stream controller first: its static route must not be shadowed by GET /alerts/:alertId in any router.
  controllers: [AlertStreamController, TriageController],
  providers: [
    { provide: ESCALATION_POLICY, useFactory: () => escalationPolicyFromEnv() },
    AlertAccess,
    AlertRepository,
    AlertJournal,
    AlertNotifier,
    AlertService,
    PregnancySummaryRepository,
    PregnancySummaryService,
    TriageService,
    { provide: REPLAY_ACCESS, useClass: TriageReplayAccess },
    EscalationService,
    EscalationWorker,
    AlertFeed,
    AlertStreamGuard,
    PregnancyEventsConsumer,
    AssessmentConsumer,
    ReferralEventsConsumer,
  ],
})
export class AppModule {}
