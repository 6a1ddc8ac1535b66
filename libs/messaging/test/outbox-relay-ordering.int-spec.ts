import { randomUUID } from 'node:crypto';
import { CE_HEADERS, TOPICS } from '@siaga/contracts';
import { KafkaMessageBus, MESSAGING_TABLES_UP, OutboxRelay, OutboxWriter, messagingConfigFromEnv } from '@siaga/messaging';
import { createLogger } from '@siaga/observability';
import { KafkaProbe, isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource } from 'typeorm';

/**
 * Several relay instances drain one outbox at once (as several replicas of a service would):
 * every pregnancy's events must still reach Kafka exactly once and in sequence order.
 */
describe('outbox relay with several instances', () => {
  const { schema, topicPrefix } = isolateTestFile('messaging');
  const topic = `${topicPrefix}${TOPICS.pregnancy}`;
  const SUBJECTS = 25;
  const EVENTS_EACH = 20;
  let dataSource: DataSource;
  let probe: KafkaProbe;
  const buses: KafkaMessageBus[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, MESSAGING_TABLES_UP);
    probe = new KafkaProbe();
    await probe.watch([topic]);
  });

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await probe.close();
    await dataSource.destroy();
  });

  it('publishes each subject’s events once, in order, while three relays compete', async () => {
    const config = { ...messagingConfigFromEnv('messaging-test'), outboxBatchSize: 7 };
    const writer = new OutboxWriter(config);
    const subjects = Array.from({ length: SUBJECTS }, () => randomUUID());
    // Interleaved writes, one transaction each, like many midwives at once.
    for (let n = 0; n < EVENTS_EACH; n += 1) {
      await Promise.all(
        subjects.map((subject) =>
          dataSource.transaction((manager) =>
            writer.append(manager, [
              {
                name: 'pregnancyClosed',
                subject,
                data: { pregnancyId: subject, outcome: 'delivered', closedAt: new Date().toISOString(), note: `n${n}` },
              },
            ]),
          ),
        ),
      );
    }

    const logger = createLogger('relay-test');
    const relays = [0, 1, 2].map(() => {
      const bus = new KafkaMessageBus(config.brokers, config.clientId, logger);
      buses.push(bus);
      return new OutboxRelay(dataSource, bus, config, logger);
    });
    const published = await Promise.all(relays.map((r) => r.drain()));
    expect(published.reduce((a, b) => a + b, 0)).toBe(SUBJECTS * EVENTS_EACH);
    expect(published.filter((count) => count > 0).length).toBeGreaterThan(1);

    await probe.waitFor((m) => m.topic === topic, SUBJECTS * EVENTS_EACH, 30_000);
    for (const subject of subjects) {
      const received = probe.messages.filter((m) => m.key === subject);
      expect(received.map((m) => Number(m.headers[CE_HEADERS.sequence]))).toEqual(Array.from({ length: EVENTS_EACH }, (_, i) => i + 1));
      expect(received.map((m) => JSON.parse(m.value!).note)).toEqual(Array.from({ length: EVENTS_EACH }, (_, i) => `n${i}`));
    }
  }, 60_000);
});
