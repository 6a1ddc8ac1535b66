import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceUnderTest } from '@siaga/testing';

export interface StreamedEvent {
  type: string;
  id: string | null;
  data: unknown;
}

/** An SSE client as a police post's screen would be: reads the stream as it comes. */
export async function openEventStream(
  baseUrl: string,
  token: string,
): Promise<{ status: number; contentType: string | null; events: StreamedEvent[]; ended: Promise<void>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/escorts/offers/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: StreamedEvent[] = [];
  let ended = Promise.resolve();
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    ended = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .filter((l) => l.startsWith(`${name}:`))
                .map((l) => l.slice(name.length + 1).trimStart())
                .join('\n');
            const data = field('data');
            if (data) events.push({ type: field('event') || 'message', id: field('id') || null, data: JSON.parse(data) });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events, ended, close: () => controller.abort() };
}

export interface Hook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: { kind: string; recipient: { kind: string; id: string }; payload: Record<string, unknown> };
}

/** A webhook receiver standing in for the police post's and volunteers' phones. */
export async function webhookReceiver(): Promise<{ url: string; hooks: Hook[]; close(): Promise<void> }> {
  const hooks: Hook[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      hooks.push({ path: req.url ?? '/', headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hooks,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Registers responders through the admin API (and their webhook), as an operator would. */
export async function registerResponders(
  sut: ServiceUnderTest,
  admin: string,
  villageCodes: string[],
  count: number,
  options: { onDuty?: boolean; hookUrl?: string; kind?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const put = await sut.request('PUT', `/responders/${id}`, {
      token: admin,
      body: {
        kind: options.kind ?? (i % 2 === 0 ? 'police-officer' : 'volunteer'),
        name: `Responder ${i + 1} (test)`,
        organisation: 'Polsek Contoh (test)',
        phone: `+62 800-0000-7${String(i).padStart(3, '0')}`,
        villageCodes,
        onDuty: options.onDuty ?? true,
      },
    });
    if (put.status !== 200) throw new Error(`PUT /responders failed: ${put.status} ${JSON.stringify(put.body)}`);
    if (options.hookUrl) {
      const hook = await sut.request('PUT', `/notification-endpoints/responder/${id}/webhook`, {
        token: admin,
        body: { address: `${options.hookUrl}/responder/${id}` },
      });
      if (hook.status !== 200) throw new Error(`PUT /notification-endpoints failed: ${hook.status} ${JSON.stringify(hook.body)}`);
    }
    ids.push(id);
  }
  return ids;
}
