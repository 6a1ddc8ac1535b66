import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CE_HEADERS, TOPICS, deadLetterTopic } from '@siaga/contracts';
import { KafkaProbe, eventually } from '@siaga/testing';
import { startKafka, stopKafka } from '@scripts/kafka/kafka.mjs';
import { startPostgres, stopPostgres } from '@scripts/postgres/postgres.mjs';
import { Client } from 'pg';
import { call } from '../e2e/support/client';
import { healthCenterStaff, lowRiskWoman } from '../e2e/support/people';
import { startSystem, type RunningSystem, type ServiceName } from '../e2e/support/system';
import { streamVisits } from '../e2e/support/visit-stream';

/**
 * Faults, checked the way Kafka's own replication tests check them: after each fault every
 * acknowledged visit was consumed (none lost), none took effect twice, each pregnancy's sequence
 * numbers only go up, and dead letters are counted. This file owns its PostgreSQL and its broker,
 * so stopping them disturbs no other test.
 */
describe('faults: kill -9, broker outage, database restart', () => {
  const pgDir = mkdtempSync(path.join(tmpdir(), 'siaga-faults-pg-'));
  const kafkaDir = mkdtempSync(path.join(tmpdir(), 'siaga-faults-kafka-'));
  const pgPort = 16000 + Math.floor(Math.random() * 900);
  const kafkaPort = 17000 + Math.floor(Math.random() * 900);
  const shared = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, DATABASE_URL: process.env.DATABASE_URL };
  let databaseUrl: string;
  let system: RunningSystem;
  let probe: KafkaProbe;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  const pregnancyIds: string[] = [];
  let acknowledgedVisits = 0;

  beforeAll(async () => {
    const [pg, kafka] = await Promise.all([
      startPostgres({ port: pgPort, dataDir: pgDir, database: 'siaga', log: false }),
      startKafka({ port: kafkaPort, dataDir: kafkaDir, log: false }),
    ]);
    databaseUrl = pg.url;
    process.env.KAFKA_BROKERS = kafka.brokers.join(',');
    process.env.DATABASE_URL = pg.url;
    system = await startSystem({ DATABASE_URL: pg.url, KAFKA_BROKERS: kafka.brokers.join(','), OUTBOX_POLL_MS: '500' });
    probe = new KafkaProbe();
    const topic = (t: string) => `${system.topicPrefix}${t}`;
    await probe.watch([topic(TOPICS.assessment), deadLetterTopic(topic(TOPICS.pregnancy)), deadLetterTopic(topic(TOPICS.assessment))]);
    staff = await healthCenterStaff();
    for (let i = 0; i < 40; i += 1) {
      const response = await call(system.url('registration'), 'POST', '/pregnancies', staff.midwife, lowRiskWoman(60 + i));
      expect(response.status).toBe(201);
      pregnancyIds.push(response.body.id);
    }
  }, 180_000);

  afterAll(async () => {
    await probe?.close();
    await system?.stop();
    await Promise.allSettled([stopKafka({ dataDir: kafkaDir, log: false }), stopPostgres({ port: pgPort, dataDir: pgDir, log: false })]);
    rmSync(pgDir, { recursive: true, force: true });
    rmSync(kafkaDir, { recursive: true, force: true });
    Object.assign(process.env, shared);
  });

  const schema = (service: ServiceName) => `e2e_${system.id}_${service.replace('-', '_')}`;

  async function sql<T>(query: string): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(query)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Nothing lost, nothing doubled, sequences only go up. */
  async function expectConsistency(): Promise<void> {
    const [{ visits }] = await sql<{ visits: number }>(`SELECT count(*)::int AS visits FROM ${schema('registration')}.visit`);
    expect(visits).toBe(acknowledgedVisits);
    const expectedAssessments = pregnancyIds.length + acknowledgedVisits;
    await eventually(
      async () => {
        const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema('risk-scoring')}.assessment`);
        expect(n).toBe(expectedAssessments);
      },
      120_000,
      500,
    );
    const doubled = await sql(`SELECT caused_by_event_id FROM ${schema('risk-scoring')}.assessment GROUP BY 1 HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    const assessmentTopic = `${system.topicPrefix}${TOPICS.assessment}`;
    await eventually(() => {
      const distinct = new Set(probe.messages.filter((m) => m.topic === assessmentTopic).map((m) => m.headers[CE_HEADERS.id]));
      expect(distinct.size).toBe(expectedAssessments);
    }, 60_000);
    // At-least-once: a relay killed between publishing and marking re-publishes the same event (same
    // ce_id); consumers drop it in their inbox. What must hold: one event per sequence number, and the
    // distinct events of a pregnancy arrive in increasing sequence order, without gaps.
    const bySubject = new Map<string, { id: string; sequence: number }[]>();
    for (const m of probe.messages.filter((message) => message.topic === assessmentTopic)) {
      const events = bySubject.get(m.key!) ?? [];
      events.push({ id: m.headers[CE_HEADERS.id], sequence: Number(m.headers[CE_HEADERS.sequence]) });
      bySubject.set(m.key!, events);
    }
    for (const events of bySubject.values()) {
      const idOfSequence = new Map<number, string>();
      for (const { id, sequence } of events) {
        expect(idOfSequence.get(sequence) ?? id).toBe(id);
        idOfSequence.set(sequence, id);
      }
      const firstArrivals = events.filter((e, i) => events.findIndex((o) => o.id === e.id) === i).map((e) => e.sequence);
      expect(firstArrivals).toEqual(Array.from({ length: firstArrivals.length }, (_, i) => i + 1));
    }
    const anomalies = await sql(`SELECT * FROM ${schema('risk-scoring')}.sequence_anomaly`);
    expect(anomalies).toEqual([]);
  }

  it('survives kill -9 of each service in turn during a stream of 500 visits', async () => {
    const victims = Object.keys(system.services) as ServiceName[];
    const killAt = new Map(victims.map((name, i) => [Math.floor(((i + 1) * 500) / (victims.length + 1)), name]));
    const restarts: Promise<void>[] = [];
    const result = await streamVisits({
      baseUrl: () => system.url('registration'),
      token: staff.midwife,
      pregnancyIds,
      total: 500,
      concurrency: 8,
      onProgress: (n) => {
        const victim = killAt.get(n);
        if (victim) restarts.push(system.restart(victim, 'SIGKILL'));
      },
    });
    await Promise.all(restarts);
    acknowledgedVisits += result.acknowledged;
    expect(result.acknowledged).toBe(500);
    await expectConsistency();
  }, 300_000);

  it('keeps accepting visits while the broker is down for 30 s, and delivers everything afterwards', async () => {
    let outage: Promise<void> | undefined;
    let acknowledgedDuringOutage = 0;
    let brokerDown = false;
    const result = await streamVisits({
      baseUrl: () => system.url('registration'),
      token: staff.midwife,
      pregnancyIds,
      total: 500,
      concurrency: 4,
      onProgress: async (n) => {
        if (n === 50) {
          await stopKafka({ dataDir: kafkaDir, log: false });
          brokerDown = true;
          outage = new Promise((resolve) => setTimeout(resolve, 30_000)).then(async () => {
            await startKafka({ port: kafkaPort, dataDir: kafkaDir, log: false });
            brokerDown = false;
          });
        }
        if (brokerDown) acknowledgedDuringOutage += 1;
        // Spread the stream over the outage so most of it is written while the broker is away.
        if (brokerDown) await new Promise((resolve) => setTimeout(resolve, 60));
      },
    });
    await outage;
    acknowledgedVisits += result.acknowledged;
    expect(acknowledgedDuringOutage).toBeGreaterThan(100);
    await expectConsistency();
  }, 300_000);

  it('reports not-ready while PostgreSQL is down, recovers by itself and loses nothing acknowledged', async () => {
    let restart: Promise<void> | undefined;
    const result = await streamVisits({
      baseUrl: () => system.url('registration'),
      token: staff.midwife,
      pregnancyIds,
      total: 300,
      concurrency: 4,
      onProgress: async (n) => {
        if (n !== 100) return;
        await stopPostgres({ port: pgPort, dataDir: pgDir, log: false });
        for (const name of Object.keys(system.services) as ServiceName[]) {
          await eventually(async () => expect((await call(system.url(name), 'GET', '/health/ready')).status).toBe(503), 15_000);
        }
        restart = new Promise((resolve) => setTimeout(resolve, 5_000)).then(async () => {
          await startPostgres({ port: pgPort, dataDir: pgDir, database: 'siaga', log: false });
        });
      },
    });
    await restart;
    acknowledgedVisits += result.acknowledged;
    for (const name of Object.keys(system.services) as ServiceName[]) {
      await eventually(async () => expect((await call(system.url(name), 'GET', '/health/ready')).status).toBe(200), 60_000);
    }
    await expectConsistency();
    // No event became poison through the faults: the dead-letter topics of both streams stayed empty.
    expect(probe.messages.filter((m) => m.topic.endsWith('.dlt'))).toEqual([]);
  }, 300_000);
});
