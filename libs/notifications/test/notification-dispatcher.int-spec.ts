import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NOTIFICATION_TABLES_UP,
  NotificationDispatcher,
  NotificationQueue,
  WebhookChannel,
  verifyWebhookSignature,
  type NewNotification,
  type NotificationsConfig,
} from '@siaga/notifications';
import { createLogger } from '@siaga/observability';
import { eventually, isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource } from 'typeorm';

interface Hit {
  path: string;
  notificationId: string;
  signatureValid: boolean;
  body: { id: string; kind: string; payload: Record<string, unknown>; attempt: number };
  at: number;
}

/** The dispatcher against the real PostgreSQL, delivering to a real HTTP receiver on 127.0.0.1. */
describe('notification dispatcher (real PostgreSQL, real HTTP receiver)', () => {
  const { schema } = isolateTestFile('notifications');
  const secret = randomUUID() + randomUUID();
  const config: NotificationsConfig = {
    webhookSecret: secret,
    webhookTimeoutMs: 1000,
    maxAttempts: 3,
    retryBaseDelayMs: 300,
    retryMaxDelayMs: 1000,
    pollMs: 100,
    batchSize: 4,
    dispatcherEnabled: true,
  };
  const logger = createLogger('notifications-test', { LOG_LEVEL: 'silent' }); // its failures are the point here;
  const queue = new NotificationQueue();
  const hits: Hit[] = [];
  const answers = new Map<string, number[]>(); // path → status codes to answer in turn (last one repeats)
  let dataSource: DataSource;
  let receiver: Server;
  let baseUrl: string;
  let deadUrl: string;
  const dispatchers: NotificationDispatcher[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, NOTIFICATION_TABLES_UP);

    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '/';
        hits.push({
          path,
          notificationId: String(req.headers['x-siaga-notification-id']),
          signatureValid: verifyWebhookSignature(secret, req.headers['x-siaga-signature'] as string | undefined, raw),
          body: JSON.parse(raw),
          at: Date.now(),
        });
        const planned = answers.get(path) ?? [200];
        const status = planned.length > 1 ? planned.shift()! : planned[0];
        setTimeout(() => res.writeHead(status).end(), 15); // a little latency so competing dispatchers overlap
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // A port that was free a moment ago: connections are refused, like a receiver that is down.
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => dead.close(resolve));
  });

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await dataSource.destroy();
  });

  const startDispatcher = (): NotificationDispatcher => {
    const dispatcher = new NotificationDispatcher(
      dataSource,
      [new WebhookChannel({ secret, timeoutMs: config.webhookTimeoutMs })],
      config,
      logger,
    );
    dispatchers.push(dispatcher);
    dispatcher.start();
    return dispatcher;
  };

  const notification = (path: string, overrides: Partial<NewNotification> = {}): NewNotification => ({
    recipientKind: 'midwife',
    recipientId: randomUUID(),
    channel: 'webhook',
    address: path.startsWith('http') ? path : `${baseUrl}${path}`,
    kind: 'alert.emergency',
    payload: { alertId: randomUUID(), severity: 'emergency' },
    dedupKey: `test:${randomUUID()}`,
    ...overrides,
  });

  const enqueue = (...notifications: NewNotification[]) => dataSource.transaction((manager) => queue.enqueue(manager, notifications));

  const stateOf = async (dedupKey: string) => {
    const [row] = await dataSource.query<
      { id: string; status: string; attempts: number; next_attempt_at: Date | null; last_error: string | null }[]
    >(`SELECT id, status, attempts, next_attempt_at, last_error FROM notification WHERE dedup_key = $1`, [dedupKey]);
    return row;
  };

  const deliveriesOf = (id: string) =>
    dataSource.query<
      {
        attempt: number;
        outcome: string;
        status_code: number | null;
        error: string | null;
        duration_ms: number;
        at: Date;
        dispatcher: string;
      }[]
    >(
      `SELECT attempt, outcome, status_code, error, duration_ms, at, dispatcher FROM notification_delivery WHERE notification_id = $1 ORDER BY attempt, id`,
      [id],
    );

  it('delivers a signed request the receiver verifies, and logs the attempt', async () => {
    const n = notification('/ok', { payload: { alertId: 'a-1', motherName: 'Ibu Contoh' } });
    expect(await enqueue(n)).toEqual([n.dedupKey]);
    startDispatcher();

    const delivered = await eventually(async () => {
      const row = await stateOf(n.dedupKey);
      expect(row.status).toBe('delivered');
      return row;
    });
    const hit = hits.find((h) => h.notificationId === delivered.id)!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.body).toMatchObject({
      id: delivered.id,
      kind: 'alert.emergency',
      payload: { alertId: 'a-1', motherName: 'Ibu Contoh' },
      attempt: 1,
    });
    expect(delivered).toMatchObject({ attempts: 1, next_attempt_at: null, last_error: null });
    const log = await deliveriesOf(delivered.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ attempt: 1, outcome: 'delivered', status_code: 200, error: null });
    expect(log[0].duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('enqueues a dedup key once, and nothing from a transaction that rolls back', async () => {
    const n = notification('/ok');
    expect(await enqueue(n)).toEqual([n.dedupKey]);
    expect(await enqueue({ ...n, payload: { again: true } })).toEqual([]);
    const rolledBack = notification('/ok');
    await expect(
      dataSource.transaction(async (manager) => {
        await queue.enqueue(manager, [rolledBack]);
        throw new Error('the alert change failed');
      }),
    ).rejects.toThrow('the alert change failed');
    const [count] = await dataSource.query<{ same: number; rolled: number }[]>(
      `SELECT count(*) FILTER (WHERE dedup_key = $1)::int AS same, count(*) FILTER (WHERE dedup_key = $2)::int AS rolled FROM notification`,
      [n.dedupKey, rolledBack.dedupKey],
    );
    expect(count).toEqual({ same: 1, rolled: 0 });
  });

  it('retries a 500 after a backoff and delivers on the next 200', async () => {
    const path = `/flaky-${randomUUID()}`;
    answers.set(path, [500, 200]);
    const n = notification(path);
    await enqueue(n);
    startDispatcher();

    const row = await eventually(async () => {
      const r = await stateOf(n.dedupKey);
      expect(r.status).toBe('delivered');
      return r;
    });
    expect(row.attempts).toBe(2);
    const log = await deliveriesOf(row.id);
    expect(log.map((l) => [l.attempt, l.outcome, l.status_code])).toEqual([
      [1, 'failed', 500],
      [2, 'delivered', 200],
    ]);
    expect(log[0].error).toBe('HTTP 500');
    // The retry waited for its due time in the database: at least half the base delay (equal jitter).
    expect(log[1].at.getTime() - log[0].at.getTime()).toBeGreaterThanOrEqual(config.retryBaseDelayMs / 2);
    const received = hits.filter((h) => h.path === path);
    expect(received.map((h) => h.body.attempt)).toEqual([1, 2]);
    expect(received.every((h) => h.signatureValid && h.notificationId === row.id)).toBe(true);
  });

  it('gives a dead endpoint up as failed after the last attempt', async () => {
    const n = notification(deadUrl);
    await enqueue(n);
    startDispatcher();

    const row = await eventually(async () => {
      const r = await stateOf(n.dedupKey);
      expect(r.status).toBe('failed');
      return r;
    }, 20_000);
    expect(row).toMatchObject({ attempts: config.maxAttempts, next_attempt_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    const log = await deliveriesOf(row.id);
    expect(log.map((l) => [l.attempt, l.outcome, l.status_code])).toEqual([
      [1, 'failed', null],
      [2, 'failed', null],
      [3, 'failed', null],
    ]);
    // Nothing more is tried once it has failed.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await deliveriesOf(row.id)).toHaveLength(config.maxAttempts);
  });

  it('delivers each notification exactly once while two dispatchers compete', async () => {
    const path = `/shared-${randomUUID()}`;
    const batch = Array.from({ length: 40 }, () => notification(path));
    await enqueue(...batch);
    const [a, b] = [startDispatcher(), startDispatcher()];

    await eventually(async () => {
      const [row] = await dataSource.query<{ delivered: number }[]>(
        `SELECT count(*)::int AS delivered FROM notification WHERE dedup_key = ANY($1) AND status = 'delivered'`,
        [batch.map((n) => n.dedupKey)],
      );
      expect(row.delivered).toBe(batch.length);
    }, 20_000);
    const received = hits.filter((h) => h.path === path);
    expect(received).toHaveLength(batch.length);
    expect(new Set(received.map((h) => h.notificationId)).size).toBe(batch.length);
    const log = await dataSource.query<{ dispatcher: string; attempts: number }[]>(
      `SELECT d.dispatcher, count(*)::int AS attempts FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
       WHERE n.dedup_key = ANY($1) GROUP BY d.dispatcher`,
      [batch.map((n) => n.dedupKey)],
    );
    expect(log.reduce((sum, l) => sum + l.attempts, 0)).toBe(batch.length);
    // Both took a share: the test really had two competing instances.
    expect(log.map((l) => l.dispatcher).sort()).toEqual([a.instanceId, b.instanceId].sort());
  });
});
