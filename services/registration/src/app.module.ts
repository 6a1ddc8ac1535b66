import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_AUDIT_MIGRATIONS, AuthModule } from '@siaga/auth';
import { HttpModule, REPLAY_ACCESS } from '@siaga/http';
import { brokerReadiness, deadLetterReadiness, MessageBus, MessagingModule, MESSAGING_MIGRATIONS } from '@siaga/messaging';
import { NotificationTables1765213200000, NotificationsModule } from '@siaga/notifications';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, dataSourceOptions, databaseReadiness } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import { AccessLogConsumer } from './access/access-log.consumer';
import { AccessLogRepository } from './access/access-log.repository';
import { AccessLogService } from './access/access-log.service';
import { PregnancyAccess } from './access/pregnancy-access';
import { PregnancyReplayAccess } from './access/pregnancy-replay-access';
import { AssessmentConsumer } from './assessment/assessment.consumer';
import { CaseloadRepository } from './caseload/caseload.repository';
import { CaseloadService } from './caseload/caseload.service';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { OverdueFrom1764500000000 } from './migrations/1764500000000-overdue-from';
import { ReferralOutcome1764800000000 } from './migrations/1764800000000-referral-outcome';
import { SystemAccessLog1765313100000 } from './migrations/1765313100000-system-access-log';
import { HistoryCalendarDates1765213100000 } from './migrations/1765213100000-history-calendar-dates';
import { MotherIdentityVersions1765230000000 } from './migrations/1765230000000-mother-identity-versions';
import { ReferralConsumer } from './referral/referral.consumer';
import { MotherIdentityEntity } from './pregnancy/mother-identity.entity';
import { MotherEntity } from './pregnancy/mother.entity';
import { PregnancyController } from './pregnancy/pregnancy.controller';
import { PregnancyEntity } from './pregnancy/pregnancy.entity';
import { PregnancyRepository } from './pregnancy/pregnancy.repository';
import { PregnancyService } from './pregnancy/pregnancy.service';
import { VisitController } from './visit/visit.controller';
import { VisitEntity } from './visit/visit.entity';
import { VisitRepository } from './visit/visit.repository';
import { VisitService } from './visit/visit.service';

export const SERVICE = 'registration';
export const SCHEMA = 'registration';

@Module({
  imports: [
    ObservabilityModule.forRoot(SERVICE),
    TypeOrmModule.forRootAsync({
      useFactory: () =>
        dataSourceOptions(databaseConfigFromEnv(SCHEMA), {
          entities: [MotherEntity, MotherIdentityEntity, PregnancyEntity, VisitEntity],
          migrations: [
            InitialSchema1764300000000,
            OverdueFrom1764500000000,
            ReferralOutcome1764800000000,
            ...MESSAGING_MIGRATIONS,
            ...ACCESS_AUDIT_MIGRATIONS,
            HistoryCalendarDates1765213100000,
            NotificationTables1765213200000,
            MotherIdentityVersions1765230000000,
            SystemAccessLog1765313100000,
          ],
        }),
    }),
    PersistenceModule,
    AuthModule,
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
  ],
  controllers: [PregnancyController, VisitController],
  providers: [
    PregnancyAccess,
    AccessLogRepository,
    AccessLogService,
    AccessLogConsumer,
    { provide: REPLAY_ACCESS, useClass: PregnancyReplayAccess },
    PregnancyRepository,
    PregnancyService,
    VisitRepository,
    VisitService,
    CaseloadRepository,
    CaseloadService,
    AssessmentConsumer,
    ReferralConsumer,
  ],
})
export class AppModule {}
