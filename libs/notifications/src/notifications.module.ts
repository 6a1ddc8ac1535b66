import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DEAD_LETTER_ALARM } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { DataSource } from 'typeorm';
import { DeadLetterNotifier } from './dead-letter-notifier';
import { NotificationDispatcher } from './notification.dispatcher';
import { NotificationQueue } from './notification.queue';
import type { NotificationChannel } from './notification.types';
import { NOTIFICATIONS_CONFIG, notificationsConfigFromEnv, type NotificationsConfig } from './notifications-config';
import { RecipientDirectory } from './recipient-directory';
import { DeadLetterController } from './dead-letter.controller';
import { RecipientEndpointController } from './recipient-endpoint.controller';
import { WebhookChannel } from './webhook.channel';

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

export interface NotificationsModuleOptions {
  /** Extra channels (SMS, WhatsApp gateways); the webhook channel is always there. */
  channels?: NotificationChannel[];
  /** Mount the admin API (/notification-endpoints, /notifications). Default true. */
  adminApi?: boolean;
}

/** Starts the dispatcher with the application (unless NOTIFY_DISPATCHER_ENABLED=false) and stops it with it. */
@Injectable()
export class NotificationsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly dispatcher: NotificationDispatcher,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhookSecret) this.logger.warn('NOTIFY_WEBHOOK_SECRET is not set: webhook notifications will fail until it is');
    if (this.config.dispatcherEnabled) this.dispatcher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}

/**
 * The notification port for a service: NotificationQueue (enqueue in your transaction), RecipientDirectory
 * (addresses), the dispatcher that delivers, and the dead-letter alarm (a notice to the district on-call).
 * The service's migration must create NOTIFICATION_TABLES_UP.
 */
@Global()
@Module({})
export class NotificationsModule {
  static forService(options: NotificationsModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      // Dead letters are listed and resolved here, above auth: messaging sits below it.
      controllers: options.adminApi === false ? [DeadLetterController] : [DeadLetterController, RecipientEndpointController],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useFactory: () => notificationsConfigFromEnv() },
        {
          provide: NOTIFICATION_CHANNELS,
          inject: [NOTIFICATIONS_CONFIG],
          useFactory: (config: NotificationsConfig): NotificationChannel[] => [
            new WebhookChannel({ secret: config.webhookSecret, timeoutMs: config.webhookTimeoutMs }),
            ...(options.channels ?? []),
          ],
        },
        {
          provide: NotificationDispatcher,
          inject: [DataSource, NOTIFICATION_CHANNELS, NOTIFICATIONS_CONFIG, LOGGER],
          useFactory: (dataSource: DataSource, channels: NotificationChannel[], config: NotificationsConfig, logger: Logger) =>
            new NotificationDispatcher(dataSource, channels, config, logger.child({ component: 'notifications' })),
        },
        NotificationQueue,
        RecipientDirectory,
        NotificationsLifecycle,
        // The messaging inbox raises it when a clinical event is dead-lettered.
        { provide: DEAD_LETTER_ALARM, useClass: DeadLetterNotifier },
      ],
      exports: [NOTIFICATIONS_CONFIG, NotificationQueue, RecipientDirectory, NotificationDispatcher, DEAD_LETTER_ALARM],
    };
  }
}
