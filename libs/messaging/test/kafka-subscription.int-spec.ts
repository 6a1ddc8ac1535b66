import { randomUUID } from 'node:crypto';
import { KafkaMessageBus, messagingConfigFromEnv, type IncomingMessage, type Subscription } from '@siaga/messaging';
import { createLogger } from '@siaga/observability';
import { eventually, isolateTestFile } from '@siaga/testing';

/** kafkajs marks its own errors retriable or not; ours copies the shape of a non-retriable one. */
class NonRetriableBrokerError extends Error {
  readonly retriable = false;
  constructor() {
    super('simulated non-retriable failure (e.g. group coordinator not found after a broker restart)');
    this.name = 'KafkaJSNonRetriableError';
  }
}

describe('Kafka subscription', () => {
  const { topicPrefix } = isolateTestFile('messaging');
  const topic = `${topicPrefix}subscription-recovery`;
  const bus = new KafkaMessageBus(
    messagingConfigFromEnv('subscription-test').brokers,
    'subscription-test',
    createLogger('subscription-test'),
  );
  let subscription: Subscription | undefined;

  afterAll(async () => {
    await subscription?.stop();
    await bus.close();
  });

  it('keeps consuming after the client crashes on an error it would not restart from by itself', async () => {
    await bus.ensureTopics([topic], 1);
    const keys = [randomUUID(), randomUUID()];
    await bus.publish(keys.map((key) => ({ topic, key, value: JSON.stringify({ key }), headers: {} })));
    const handled: IncomingMessage[] = [];
    let crashes = 0;
    subscription = await bus.subscribe(
      { groupId: `${topicPrefix}subscription-test`, topics: [topic], fromBeginning: true, concurrency: 1, maxBatchSize: 1 },
      (messages) => {
        if (crashes === 0) {
          crashes += 1;
          return Promise.reject(new NonRetriableBrokerError());
        }
        handled.push(...messages);
        return Promise.resolve();
      },
    );
    await eventually(() => expect(handled.map((m) => m.key)).toEqual(keys), 30_000);
    expect(crashes).toBe(1);
  }, 40_000);
});
