import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { Logger } from '@siaga/observability';
import { MessageBus, type MessageHandler, type OutgoingMessage, type Subscription, type SubscriptionOptions } from '../bus/message-bus';
import { KafkaSubscription } from './kafka-subscription';
import { patchKafkajsIdleTimer } from './kafkajs-idle-timer.patch';

/** MessageBus on kafkajs: one idempotent producer (acks=all, one request in flight so order holds). */
export class KafkaMessageBus extends MessageBus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly subscriptions = new Set<KafkaSubscription>();

  constructor(
    brokers: string[],
    clientId: string,
    private readonly logger: Logger,
  ) {
    super();
    patchKafkajsIdleTimer();
    this.kafka = new Kafka({
      clientId,
      brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
      logLevel: logLevel.ERROR,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...extra } = log;
          if (level <= logLevel.ERROR) this.logger.warn({ kafka: extra }, `kafkajs: ${message}`);
        },
    });
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const connecting = this.connectedProducer();
    const producer = await connecting;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // A producer that failed (e.g. across a broker restart) may stay broken; the caller retries with a new one.
      this.discardProducer(connecting);
      throw error;
    }
  }

  private discardProducer(failed: Promise<Producer>): void {
    if (this.producer !== failed) return; // another caller already replaced it
    this.producer = undefined;
    void failed.then((p) => p.disconnect()).catch(() => undefined);
  }

  async subscribe(options: SubscriptionOptions, handler: MessageHandler): Promise<Subscription> {
    const subscription = new KafkaSubscription(this.kafka, options, handler, this.logger);
    try {
      await subscription.start();
    } catch (error) {
      await subscription.stop().catch(() => undefined);
      throw error;
    }
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ensureTopics(topics: string[], partitions: number): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
  }

  async ping(): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.allSettled(subscriptions.map((s) => s.stop()));
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }
}
