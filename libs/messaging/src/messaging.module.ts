import {
  Global,
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import { LOGGER, type Logger } from '@siaga/observability';
import { DataSource } from 'typeorm';
import { MessageBus } from './bus/message-bus';
import { DEAD_LETTER_ALARM, type DeadLetterAlarm } from './inbox/dead-letter-alarm';
import { DeadLetterLog } from './inbox/dead-letter-log';
import type { ConsumerDefinition } from './inbox/event-handler';
import { InboxConsumer } from './inbox/inbox.consumer';
import { KafkaMessageBus } from './kafka/kafka-message-bus';
import { MESSAGING_CONFIG, messagingConfigFromEnv, resolveTopic, type MessagingConfig } from './messaging-config';
import { OutboxCommitSubscriber } from './outbox/outbox-commit.subscriber';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import type { Subscription } from './bus/message-bus';

/** Starts the outbox relay and the service's consumers with the application, and stops them with it. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: ConsumerDefinition[] = [];
  private readonly subscriptions: Subscription[] = [];
  readonly relay: OutboxRelay;
  private readonly inbox: InboxConsumer;
  private readonly logger: Logger;

  constructor(
    dataSource: DataSource,
    transactions: TransactionContext,
    readonly bus: MessageBus,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(LOGGER) rootLogger: Logger,
    deadLetters: DeadLetterLog,
    @Optional() @Inject(DEAD_LETTER_ALARM) alarm?: DeadLetterAlarm,
  ) {
    this.logger = rootLogger.child({ component: 'messaging' });
    this.relay = new OutboxRelay(dataSource, bus, config, this.logger);
    dataSource.subscribers.push(new OutboxCommitSubscriber(() => this.relay.wakeSoon()));
    if (!alarm)
      this.logger.warn('no dead-letter alarm: a dead-lettered clinical event notifies nobody (metric, log and readiness still tell)');
    this.inbox = new InboxConsumer(bus, transactions, config, this.logger, alarm, deadLetters);
  }

  /** Called by a service's consumer adapters (in their constructor) to be started at bootstrap. */
  register(definition: ConsumerDefinition): void {
    this.consumers.push(definition);
  }

  /** Resolves once topics exist and every consumer has joined its group. */
  consumersStarted: Promise<void> = Promise.resolve();
  private stopping = false;

  onApplicationBootstrap(): void {
    // The HTTP API comes up even while the broker is down: writes go to the outbox, readiness says not ready.
    this.relay.start();
    this.consumersStarted = this.startConsumers();
  }

  private async startConsumers(): Promise<void> {
    // Once for all consumers (and the topics this service only writes), not again per consumer.
    const topics = [...new Set([...Object.values(TOPICS), ...this.consumers.flatMap((c) => c.topics)])];
    const allTopics = topics.map((t) => resolveTopic(this.config, t));
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await this.bus.ensureTopics([...allTopics, ...allTopics.map(deadLetterTopic)], this.config.topicPartitions);
        // A definition leaves the list only once started: after a failure the next attempt starts the rest.
        while (this.consumers.length > 0) {
          this.subscriptions.push(await this.inbox.start(this.consumers[0]));
          this.consumers.shift();
        }
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'broker not reachable; consumers will start when it is');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * attempt)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.subscriptions.map((s) => s.stop()));
    await this.relay.stop();
    await this.bus.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forService(service: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: DeadLetterLog, useFactory: () => new DeadLetterLog() },
        { provide: MESSAGING_CONFIG, useFactory: () => messagingConfigFromEnv(service) },
        {
          provide: MessageBus,
          inject: [MESSAGING_CONFIG, LOGGER],
          useFactory: (config: MessagingConfig, logger: Logger) =>
            new KafkaMessageBus(config.brokers, config.clientId, logger.child({ component: 'kafka' })),
        },
        OutboxWriter,
        MessagingLifecycle,
      ],
      exports: [MESSAGING_CONFIG, MessageBus, OutboxWriter, MessagingLifecycle, DeadLetterLog],
    };
  }
}
