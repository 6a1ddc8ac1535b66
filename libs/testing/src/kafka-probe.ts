import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { eventually } from './eventually';

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads what really reached the broker, and writes raw messages (duplicates, poison) into it. */
export class KafkaProbe {
  readonly messages: ProbedMessage[] = [];
  private readonly kafka = new Kafka({
    clientId: 'siaga-test-probe',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  private consumer?: Consumer;
  private producer?: Producer;

  async watch(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 3 })) });
    }
    await admin.disconnect();
    this.consumer = this.kafka.consumer({ groupId: `probe-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
        return Promise.resolve();
      },
    });
  }

  /** A consumer group's committed offset per partition of a topic (-1: nothing committed). */
  async committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries(partitions.map((p) => [p.partition, p.offset]));
    } finally {
      await admin.disconnect();
    }
  }

  async send(topic: string, messages: { key: string; value: string; headers?: Record<string, string> }[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({ topic, messages });
  }

  /** Waits until `count` messages match, then returns them. */
  waitFor(predicate: (m: ProbedMessage) => boolean, count = 1, timeoutMs = 20_000): Promise<ProbedMessage[]> {
    return eventually(() => {
      const found = this.messages.filter(predicate);
      if (found.length < count) throw new Error(`expected ${count} matching messages on the broker, saw ${found.length}`);
      return found;
    }, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]);
  }
}
