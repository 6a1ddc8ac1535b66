import { randomUUID } from 'node:crypto';
import { KafkaMessageBus, messagingConfigFromEnv, type IncomingMessage, type Subscription } from '@siaga/messaging';
import { createLogger } from '@siaga/observability';
import { KafkaProbe, eventually, isolateTestFile } from '@siaga/testing';

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
      {
        groupId: `${topicPrefix}subscription-test`,
        topics: [topic],
        fromBeginning: true,
        concurrency: 1,
        maxBatchSize: 1,
        commitIntervalMs: 1000,
      },
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

  describe('offset commits', () => {
    const committedTopic = `${topicPrefix}subscription-commits`;
    const groupId = `${topicPrefix}subscription-commits`;
    const probe = new KafkaProbe();
    const send = (count: number) =>
      bus.publish(Array.from({ length: count }, (_, n) => ({ topic: committedTopic, key: 'one-key', value: String(n), headers: {} })));
    const subscribe = (handled: string[], commitIntervalMs: number) =>
      bus.subscribe(
        { groupId, topics: [committedTopic], fromBeginning: true, concurrency: 1, maxBatchSize: 2, commitIntervalMs },
        (messages) => {
          handled.push(...messages.map((m) => m.offset));
          return Promise.resolve();
        },
      );

    afterAll(() => probe.close());

    it('commits what an idle consumer handled within one interval', async () => {
      await bus.ensureTopics([committedTopic], 1);
      await send(5);
      const handled: string[] = [];
      const first = await subscribe(handled, 1500);

      await eventually(() => expect(handled).toEqual(['0', '1', '2', '3', '4']), 20_000);
      // Three chunks were handled within moments; the timer commits all of them once.
      await eventually(async () => expect(await probe.committedOffsets(groupId, committedTopic)).toEqual({ 0: '5' }), 10_000);
      await first.stop();
    }, 40_000);

    it('commits not after each chunk but on a clean stop, so the next member of the group reads nothing twice', async () => {
      await send(3);
      const handled: string[] = [];
      // An interval far longer than the test: only the commit on stop can move the offset.
      const second = await subscribe(handled, 600_000);
      await eventually(() => expect(handled).toEqual(['5', '6', '7']), 20_000);
      // Two chunks handled, neither committed on its own.
      expect(await probe.committedOffsets(groupId, committedTopic)).toEqual({ 0: '5' });
      await second.stop();
      expect(await probe.committedOffsets(groupId, committedTopic)).toEqual({ 0: '8' });

      await send(1);
      const again: string[] = [];
      const third = await subscribe(again, 600_000);
      await eventually(() => expect(again).toEqual(['8']), 20_000);
      await third.stop();
    }, 60_000);
  });
});
