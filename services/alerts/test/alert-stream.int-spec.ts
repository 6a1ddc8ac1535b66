import { randomUUID } from 'node:crypto';
import { EVENTS, TOPICS, type AlertRaisedV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@alerts/app.module';
import {
  OTHER_VILLAGE,
  SEMPU_VILLAGE,
  SEVERE_PE,
  aSnapshot,
  anAssessment,
  assessed,
  dataOf,
  produce,
  registered,
  typeOf,
} from './fixtures';

interface StreamedEvent {
  type: string;
  id: string | null;
  data: string;
}

interface OpenStream {
  status: number;
  events: StreamedEvent[];
  ended: Promise<void>;
  close(): void;
}

/** A real HTTP client reading text/event-stream, as a browser's EventSource would. */
async function openStream(baseUrl: string, token?: string): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/alerts/stream`, {
    headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: controller.signal,
  });
  const events: StreamedEvent[] = [];
  if (response.status !== 200) {
    await response.body?.cancel();
    return { status: response.status, events, ended: Promise.resolve(), close: () => undefined };
  }
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamedEvent = { type: 'message', id: null, data: '' };
          let hasField = false;
          for (const line of block.split('\n')) {
            if (line === '' || line.startsWith(':')) continue; // keep-alive comments
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            hasField = true;
            if (field === 'event') event.type = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') event.data += event.data ? `\n${value}` : value;
          }
          if (hasField) events.push(event);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { status: 200, events, ended, close: () => controller.abort() };
}

const alertsIn = (stream: OpenStream) =>
  stream.events
    .filter((e) => e.type === 'alert')
    .map((e) => ({
      eventId: e.id,
      ...(JSON.parse(e.data) as { id: string; status: string; severity: string; version: number; pregnancy: { motherName: string } }),
    }));

/**
 * The doctors' live feed over two instances: a change made through (or consumed by) one instance reaches a
 * stream held open on the other, through PostgreSQL LISTEN/NOTIFY.
 */
describe('live alert feed, Server-Sent Events (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('alerts');
  const healthCenterId = randomUUID();
  let writer: ServiceUnderTest;
  let streamer: ServiceUnderTest;
  let probe: KafkaProbe;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    writer = await startService(AppModule, schema);
    streamer = await startService(AppModule, schema);
    await Promise.all([writer, streamer].map((s) => s.app.get(MessagingLifecycle).consumersStarted));
    probe = new KafkaProbe();
    await probe.watch([`${topicPrefix}${TOPICS.alert}`]);
  });

  afterAll(async () => {
    streams.forEach((s) => s.close());
    await probe.close();
    await Promise.all([writer.close(), streamer.close()]);
  });

  const open = async (token?: string) => {
    const stream = await openStream(streamer.baseUrl, token);
    streams.push(stream);
    if (stream.status === 200) await eventually(() => expect(stream.events.map((e) => e.type)).toContain('ready'));
    return stream;
  };

  it('streams a new alert to the doctors of its health center, then its changes, and nothing to others', async () => {
    const doctor = await tokenFor({ role: 'doctor', sub: 'dr-ayu', hc: healthCenterId });
    const mine = await open(doctor);
    const otherHealthCenter = await open(await tokenFor({ role: 'doctor', hc: randomUUID() }));
    const midwifeElsewhere = await open(await tokenFor({ role: 'midwife', villages: [OTHER_VILLAGE] }));
    const midwife = await open(await tokenFor({ role: 'midwife', villages: [SEMPU_VILLAGE] }));
    const district = await open(await tokenFor({ role: 'district' }));

    const woman = aSnapshot({ healthCenterId });
    await produce(probe, topicPrefix, registered(woman), assessed(anAssessment(woman.pregnancyId, { emergencies: SEVERE_PE }), 1));
    const [raised] = await probe.waitFor((m) => m.key === woman.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    const alertId = dataOf<AlertRaisedV1>(raised).alertId;

    const [first] = await eventually(() => {
      const found = alertsIn(mine).filter((a) => a.id === alertId);
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found;
    });
    expect(first).toMatchObject({ severity: 'emergency', status: 'open', pregnancy: { motherName: woman.motherName } });
    expect(first.id).toBe(alertId);
    await eventually(() => expect(alertsIn(midwife).map((a) => a.id)).toContain(alertId));
    await eventually(() => expect(alertsIn(district).map((a) => a.id)).toContain(alertId));

    // Acknowledged through the other instance: the change reaches this stream too.
    expect((await writer.request('POST', `/alerts/${alertId}/acknowledge`, { token: doctor })).status).toBe(200);
    const acknowledged = await eventually(() => {
      const found = alertsIn(mine).find((a) => a.id === alertId && a.status === 'acknowledged');
      expect(found).toBeDefined();
      return found!;
    });
    expect(acknowledged.version).toBeGreaterThan(first.version);
    // Event ids name the alert and its version, so a client can tell the newest state.
    expect(acknowledged.eventId).toBe(`${alertId}:${acknowledged.version}`);

    expect(alertsIn(otherHealthCenter)).toEqual([]);
    expect(alertsIn(midwifeElsewhere)).toEqual([]);
  });

  it('lets a browser (EventSource cannot send headers) pass the token as ?access_token, on the stream only', async () => {
    const doctor = await tokenFor({ role: 'doctor', hc: healthCenterId });
    const stream = await fetch(`${streamer.baseUrl}/alerts/stream?access_token=${doctor}`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await stream.body?.cancel();
    const list = await fetch(`${streamer.baseUrl}/alerts?access_token=${doctor}`);
    expect(list.status).toBe(401);
    const forged = await fetch(
      `${streamer.baseUrl}/alerts/stream?access_token=${await tokenFor({ role: 'doctor', hc: healthCenterId }, { secret: 'f'.repeat(40) })}`,
    );
    expect(forged.status).toBe(401);
    await forged.body?.cancel();
  });

  it('ends a stream when its token expires, with a last event saying so, and sends nothing after', async () => {
    const stream = await open(await tokenFor({ role: 'district' }, { expiresIn: '3s' }));
    const lasting = await open(await tokenFor({ role: 'district' }));
    let ended = false;
    void stream.ended.then(() => (ended = true));
    await eventually(() => expect(ended).toBe(true), 15_000);
    expect(stream.events.at(-1)).toMatchObject({ type: 'token-expired' });

    const woman = aSnapshot({ healthCenterId });
    await produce(probe, topicPrefix, registered(woman), assessed(anAssessment(woman.pregnancyId, { emergencies: SEVERE_PE }), 1));
    const [raised] = await probe.waitFor((m) => m.key === woman.pregnancyId && typeOf(m) === EVENTS.alertRaised.type);
    const alertId = dataOf<AlertRaisedV1>(raised).alertId;
    await eventually(() => expect(alertsIn(lasting).map((a) => a.id)).toContain(alertId));
    expect(alertsIn(stream).map((a) => a.id)).not.toContain(alertId);
  });

  it('refuses callers the list refuses', async () => {
    expect((await open()).status).toBe(401);
    for (const claims of [
      { role: 'escort', responder: randomUUID() },
      { role: 'hospital', facility: randomUUID() },
      { role: 'doctor' },
    ] as const) {
      expect((await open(await tokenFor(claims))).status).toBe(403);
    }
  });

  it('ends open streams when the service shuts down, so it can stop', async () => {
    const stream = await open(await tokenFor({ role: 'district' }));
    await streamer.close();
    await expect(
      Promise.race([stream.ended.then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5000))]),
    ).resolves.toBe('ended');
    streamer = await startService(AppModule, schema); // afterAll closes it again
    await streamer.app.get(MessagingLifecycle).consumersStarted;
  });
});
