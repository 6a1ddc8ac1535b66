import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_AUDIT_MIGRATIONS, AuthModule } from '@siaga/auth';
import { HttpModule, REPLAY_ACCESS } from '@siaga/http';
import { brokerReadiness, deadLetterReadiness, MessageBus, MessagingModule, MESSAGING_MIGRATIONS } from '@siaga/messaging';
import { NotificationsModule } from '@siaga/notifications';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, dataSourceOptions, databaseReadiness } from '@siaga/persistence';
import { DataSource } from 'typeorm';
import { ReferralAccess } from './access/referral-access';
import { ReferralReplayAccess } from './access/referral-replay-access';
import { REFERRAL_CONFIG, referralConfigFromEnv } from './config/referral-config';
import { EscortFeed } from './escort/escort-feed';
import { EscortController } from './escort/escort.controller';
import { EscortRepository } from './escort/escort.repository';
import { EscortService } from './escort/escort.service';
import { InitialSchema1764600000000 } from './migrations/1764600000000-initial-schema';
import { NumericPickupCoordinates1765200000000 } from './migrations/1765200000000-numeric-pickup-coordinates';
import { ReferralNotifier } from './notification/referral-notifier';
import { PregnancyEventsConsumer } from './pregnancy/pregnancy-events.consumer';
import { PregnancyFactRepository } from './pregnancy/pregnancy-fact.repository';
import { AlertDecisionConsumer } from './referral/alert-decision.consumer';
import { ReferralCompletion } from './referral/referral-completion';
import { ReferralController } from './referral/referral.controller';
import { ReferralRepository } from './referral/referral.repository';
import { ReferralService } from './referral/referral.service';
import { FacilityController } from './registry/facility.controller';
import { RegistryRepository } from './registry/registry.repository';
import { RegistryService } from './registry/registry.service';
import { ResponderController } from './registry/responder.controller';
import { VillageController } from './registry/village.controller';
import { ReferralScheduler } from './scheduling/referral-scheduler';

export const SERVICE = 'referral';
export const SCHEMA = 'referral';

/** The service's database: its own schema, migrated at start-up. */
export const ReferralDatabase = TypeOrmModule.forRootAsync({
  useFactory: () =>
    dataSourceOptions(databaseConfigFromEnv(SCHEMA), {
      entities: [],
      migrations: [InitialSchema1764600000000, NumericPickupCoordinates1765200000000, ...MESSAGING_MIGRATIONS, ...ACCESS_AUDIT_MIGRATIONS],
    }),
});

@Module({
  imports: [
    ObservabilityModule.forRoot(SERVICE),
    ReferralDatabase,
    PersistenceModule,
    AuthModule.forService({ service: SERVICE, event: 'referralAccessRecorded' }),
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
  controllers: [FacilityController, ResponderController, VillageController, ReferralController, EscortController],
  providers: [
    { provide: REFERRAL_CONFIG, useFactory: () => referralConfigFromEnv() },
    ReferralAccess,
    { provide: REPLAY_ACCESS, useClass: ReferralReplayAccess },
    RegistryRepository,
    RegistryService,
    PregnancyFactRepository,
    ReferralRepository,
    ReferralCompletion,
    ReferralService,
    EscortRepository,
    EscortFeed,
    EscortService,
    ReferralNotifier,
    PregnancyEventsConsumer,
    AlertDecisionConsumer,
    ReferralScheduler,
  ],
})
export class AppModule {}
