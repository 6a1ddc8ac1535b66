import { CE_HEADERS, TOPICS, deadLetterTopic } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@risk-scoring/app.module';
import { PREGNANCY_FACTS_GROUP } from '@risk-scoring/projection/pregnancy-events.consumer';
import { aSnapshot, aVisit, produce, registered, visitRecorded } from './fixtures';

/**
 * A dead-lettered event on a clinical topic is a missed patient (issue 13): besides the copy on `<topic>.dlt`, the
 * service counts it, says degraded on /health/ready until someone resolves it, and queues a notice to the district
 * on-call in the transaction that records it. All in @siaga/messaging and @siaga/notifications: every service has it.
 */
describe('dead-letter alarm (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('risk-scoring');
  let sut: ServiceUnderTest;
  let db: DataSource;
  let deadLetters: KafkaProbe;
  let producer: KafkaProbe;
  let district: string;
  let admin: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    db = sut.app.get(DataSource);
    producer = new KafkaProbe();
    deadLetters = new KafkaProbe();
    await deadLetters.watch([deadLetterTopic(`${topicPrefix}${TOPICS.pregnancy}`)]);
    district = await tokenFor({ role: 'district' });
    admin = await tokenFor({ role: 'admin' });
  });

  afterAll(async () => {
    await Promise.all([producer.close(), deadLetters.close()]);
    await sut.close();
  });

  const deadLetterCount = async (): Promise<number> => {
    const metrics = await sut.request('GET', '/metrics');
    const line = (metrics.body as string)
      .split('\n')
      .find(
        (l) =>
          l.startsWith('siaga_dead_letters_total{') &&
          l.includes(`topic="${TOPICS.pregnancy}"`) &&
          l.includes(`consumer_group="${PREGNANCY_FACTS_GROUP}"`) &&
          l.includes('clinical="true"'),
      );
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('starts ready, with nothing dead-lettered', async () => {
    const ready = await sut.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'up', checks: { 'dead-letters': { status: 'up' } } });
  });

  it('counts a poison pregnancy event, says degraded, and queues a notice to the district on-call; resolving clears it', async () => {
    const endpoint = await sut.request('PUT', '/notification-endpoints/on-call/district/webhook', {
      token: admin,
      body: { address: 'http://127.0.0.1:9/district-on-call' },
    });
    expect(endpoint.status).toBe(200);
    const before = await deadLetterCount();

    const snapshot = aSnapshot();
    // The lost emergency of issue 13, as an event: BP 170/115 and convulsions on a visit dated 2026-100.
    const poison = visitRecorded(
      snapshot.pregnancyId,
      aVisit({ visitDate: '2026-100', systolic: 170, diastolic: 115, dangerSigns: ['convulsions'] }),
      2,
    );
    await produce(producer, topicPrefix, registered(snapshot), poison);
    const [dead] = await deadLetters.waitFor((m) => m.headers[CE_HEADERS.id] === poison.id);
    expect(dead.headers.dlt_error_type).toBe('InvalidEventError');

    // The bookkeeping commits before the copy goes to the dead-letter topic.
    const [letter] = await db.query<Record<string, unknown>[]>(
      `SELECT id, event_id, event_type, subject, clinical, error_type, consumer_group, resolved_at FROM dead_letter WHERE event_id = $1`,
      [poison.id],
    );
    expect(letter).toMatchObject({
      event_id: poison.id,
      event_type: 'id.siaga.registration.visit-recorded.v1',
      subject: snapshot.pregnancyId,
      clinical: true,
      error_type: 'InvalidEventError',
      consumer_group: PREGNANCY_FACTS_GROUP,
      resolved_at: null,
    });
    expect(await deadLetterCount()).toBe(before + 1);

    const [notice] = await db.query<Record<string, unknown>[]>(
      `SELECT recipient_kind, recipient_id, channel, kind, payload FROM notification WHERE kind = 'operations.dead-letter'`,
    );
    expect(notice).toMatchObject({
      recipient_kind: 'on-call',
      recipient_id: 'district',
      channel: 'webhook',
      payload: {
        source: 'siaga/risk-scoring',
        deadLetterId: letter.id,
        eventId: poison.id,
        pregnancyId: snapshot.pregnancyId,
        error: expect.stringContaining('visit.visitDate'),
      },
    });

    const degraded = await sut.request('GET', '/health/ready');
    expect(degraded.status).toBe(200); // degraded, not down: an orchestrator must not unroute or restart it
    expect(degraded.body).toMatchObject({ status: 'degraded', checks: { 'dead-letters': { status: 'degraded' } } });
    expect(degraded.body.checks['dead-letters'].reason).toMatch(/^1 clinical event dead-lettered and not resolved/);

    const open = await sut.request('GET', '/dead-letters', { token: district });
    expect(open.status).toBe(200);
    expect(open.body).toEqual([expect.objectContaining({ id: letter.id, eventId: poison.id, subject: snapshot.pregnancyId })]);

    const resolved = await sut.request('POST', `/dead-letters/${String(letter.id)}/resolve`, {
      token: district,
      body: { resolution: 'Visit re-entered with date 2026-04-10; emergency alert raised' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      id: letter.id,
      resolvedAt: expect.any(String),
      resolution: expect.stringContaining('re-entered'),
    });
    await eventually(async () => {
      expect((await sut.request('GET', '/health/ready')).body).toMatchObject({ status: 'up' });
    });
    expect((await sut.request('GET', '/dead-letters', { token: district })).body).toEqual([]);
  });

  it('refuses the dead-letter API to clinical roles and names a bad resolution', async () => {
    const midwife = await tokenFor({ role: 'midwife', villages: ['35.10.20.2001'] });
    expect((await sut.request('GET', '/dead-letters', { token: midwife })).status).toBe(403);
    const [{ id }] = await db.query<{ id: string }[]>(`SELECT id FROM dead_letter LIMIT 1`);
    const empty = await sut.request('POST', `/dead-letters/${id}/resolve`, { token: admin, body: { resolution: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('resolution');
  });
});
