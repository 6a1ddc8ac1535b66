import { randomUUID } from 'node:crypto';
import { TOPICS } from '@siaga/contracts';
import {
  KafkaMessageBus,
  MESSAGING_MIGRATIONS,
  MESSAGING_TABLES_UP,
  OutboxCommitSubscriber,
  OutboxRelay,
  OutboxWriter,
  messagingConfigFromEnv,
} from '@siaga/messaging';
import { createLogger } from '@siaga/observability';
import { KafkaProbe, isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The relay is woken by the commit of a transaction that appended events, in process. Its poll is set to an
 * hour here, so an event reaches the broker only if that commit woke the relay, and only after the commit.
 */
describe('outbox relay woken by commits', () => {
  const { schema, topicPrefix } = isolateTestFile('messaging');
  const topic = `${topicPrefix}${TOPICS.pregnancy}`;
  const config = { ...messagingConfigFromEnv('messaging-test'), topicPrefix, outboxPollMs: 3_600_000 };
  const writer = new OutboxWriter(config);
  let dataSource: DataSource;
  let probe: KafkaProbe;
  let bus: KafkaMessageBus;
  let relay: OutboxRelay;

  const closed = (subject: string, note: string) => ({
    name: 'pregnancyClosed' as const,
    subject,
    data: { pregnancyId: subject, outcome: 'delivered' as const, closedAt: new Date().toISOString(), note },
  });
  const notesOn = (subject: string) => probe.messages.filter((m) => m.key === subject).map((m) => JSON.parse(m.value!).note);

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, MESSAGING_TABLES_UP);
    for (const Migration of MESSAGING_MIGRATIONS) await dataSource.transaction((m) => new Migration().up(m.queryRunner!));
    probe = new KafkaProbe();
    await probe.watch([topic]);
    const logger = createLogger('relay-test');
    bus = new KafkaMessageBus(config.brokers, config.clientId, logger);
    relay = new OutboxRelay(dataSource, bus, config, logger);
    dataSource.subscribers.push(new OutboxCommitSubscriber(() => relay.wakeSoon()));
    relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await bus.close();
    await probe.close();
    await dataSource.destroy();
  });

  it('publishes an event as soon as its transaction commits', async () => {
    const subject = randomUUID();
    await dataSource.transaction((manager) => writer.append(manager, [closed(subject, 'committed')]));
    await probe.waitFor((m) => m.key === subject, 1, 20_000);
    expect(notesOn(subject)).toEqual(['committed']);
  });

  it('waits for the outermost commit when a savepoint inside the transaction is released first', async () => {
    const subject = randomUUID();
    let releasedBeforeCommit = false;
    await dataSource.transaction(async (manager: EntityManager) => {
      await writer.append(manager, [closed(subject, 'outer')]);
      await manager.transaction((inner) => writer.append(inner, [closed(subject, 'inner')]));
      // Long enough for a relay woken by the release to look, find nothing committed, and go idle.
      await new Promise((resolve) => setTimeout(resolve, 300));
      releasedBeforeCommit = true;
    });
    expect(releasedBeforeCommit).toBe(true);
    await probe.waitFor((m) => m.key === subject, 2, 20_000);
    expect(notesOn(subject)).toEqual(['outer', 'inner']);
  });

  it('publishes nothing of a rolled-back transaction, and the next commit still wakes the relay', async () => {
    const subject = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await writer.append(manager, [closed(subject, 'rolled back')]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await dataSource.transaction((manager) => writer.append(manager, [closed(subject, 'after rollback')]));
    await probe.waitFor((m) => m.key === subject, 1, 20_000);
    expect(notesOn(subject)).toEqual(['after rollback']);
    const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`);
    expect(pending).toBe(0);
  });
});
