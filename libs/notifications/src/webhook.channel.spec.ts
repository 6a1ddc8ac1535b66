import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError, type OutgoingNotification } from './notification.types';
import { WebhookChannel } from './webhook.channel';
import { verifyWebhookSignature } from './webhook-signature';

const secret = 's'.repeat(40);

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe(WebhookChannel.name, () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let answer: { status: number; delayMs?: number } = { status: 204 };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        setTimeout(() => res.writeHead(answer.status).end(), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const message = (overrides: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
    id: '0b0c4a2e-6f4e-4d7a-9b8e-1c2d3e4f5a6b',
    recipientKind: 'midwife',
    recipientId: 'm-1',
    channel: 'webhook',
    address: `${baseUrl}/hook`,
    kind: 'alert.emergency',
    payload: { alertId: 'a-1' },
    dedupKey: 'k-1',
    attempt: 1,
    createdAt: '2026-06-01T10:00:00.000Z',
    ...overrides,
  });

  it('POSTs signed JSON that the receiver can verify', async () => {
    answer = { status: 204 };
    await expect(new WebhookChannel({ secret, timeoutMs: 2000 }).deliver(message())).resolves.toEqual({ statusCode: 204 });
    const last = received.at(-1)!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['x-siaga-notification-id']).toBe(message().id);
    expect(verifyWebhookSignature(secret, last.headers['x-siaga-signature'] as string, last.body)).toBe(true);
    expect(JSON.parse(last.body)).toEqual({
      id: message().id,
      kind: 'alert.emergency',
      recipient: { kind: 'midwife', id: 'm-1' },
      payload: { alertId: 'a-1' },
      createdAt: '2026-06-01T10:00:00.000Z',
      attempt: 1,
    });
  });

  it('fails on a non-2xx answer, with its status code', async () => {
    answer = { status: 503 };
    const attempt = new WebhookChannel({ secret, timeoutMs: 2000 }).deliver(message());
    await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 503, message: 'HTTP 503' });
  });

  it('fails when the receiver does not answer in time', async () => {
    answer = { status: 200, delayMs: 500 };
    await expect(new WebhookChannel({ secret, timeoutMs: 100 }).deliver(message())).rejects.toThrow('no answer within 100 ms');
  });

  it('fails without a secret rather than send an unsigned request', async () => {
    const before = received.length;
    await expect(new WebhookChannel({ timeoutMs: 100 }).deliver(message())).rejects.toThrow(/NOTIFY_WEBHOOK_SECRET/);
    expect(received).toHaveLength(before);
  });
});
