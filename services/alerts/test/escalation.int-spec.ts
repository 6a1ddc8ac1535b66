import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS, TOPICS, type AlertEscalatedV1, type AlertRaisedV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { verifyWebhookSignature } from '@siaga/notifications';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@alerts/app.module';
import { SEVERE_PE, aSnapshot, anAssessment, assessed, dataOf, produce, registered, typeOf } from './fixtures';

const LIMIT_SECONDS = 2;
const ALERTS = 6;

/**
 * Two instances of the service share one schema, as two replicas would; the emergency limit is shortened to
 * 2 s. Every unacknowledged alert must escalate after its limit, once per level, whichever instance does it,
 * and the district on-call must get each escalation's webhook once.
 */
describe('escalation with two service instances (real PostgreSQL and Kafka)', () => {
  const saved = { ...process.env };
  const { schema, topicPrefix } = isolateTestFile('alerts');
  const secret = randomUUID() + randomUUID();
  Object.assign(process.env, {
    ALERT_ACK_LIMIT_EMERGENCY_SECONDS: String(LIMIT_SECONDS),
    ALERT_ESCALATION_POLL_MS: '50',
    NOTIFY_WEBHOOK_SECRET: secret,
    NOTIFY_POLL_MS: '100',
  });
  const alertTopic = `${topicPrefix}${TOPICS.alert}`;
  const healthCenterId = randomUUID();
  let instances: ServiceUnderTest[] = [];
  let probe: KafkaProbe;
  let db: DataSource;
  let receiver: Server;
  const hooks: { valid: boolean; body: { id: string; kind: string; payload: { alertId: string; escalationLevel?: number } } }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        hooks.push({ valid: verifyWebhookSignature(secret, req.headers['x-siaga-signature'] as string, raw), body: JSON.parse(raw) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // One after the other: the second finds the schema migrated.
    instances.push(await startService(AppModule, schema));
    instances.push(await startService(AppModule, schema));
    await Promise.all(instances.map((i) => i.app.get(MessagingLifecycle).consumersStarted));
    db = instances[0].app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([alertTopic]);
    const admin = await tokenFor({ role: 'admin' });
    const district = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/district-on-call`;
    expect(
      (await instances[1].request('PUT', '/notification-endpoints/on-call/district/webhook', { token: admin, body: { address: district } }))
        .status,
    ).toBe(200);
  });

  afterAll(async () => {
    await probe.close();
    await Promise.all(instances.map((i) => i.close()));
    instances = [];
    await new Promise((resolve) => receiver.close(resolve));
    process.env = saved;
  });

  it('escalates each unacknowledged emergency after its limit, once per level, and stops when a doctor acknowledges', async () => {
    const women = Array.from({ length: ALERTS }, () => aSnapshot({ healthCenterId }));
    for (const woman of women) {
      await produce(probe, topicPrefix, registered(woman), assessed(anAssessment(woman.pregnancyId, { emergencies: SEVERE_PE }), 1));
    }
    const raised = (await probe.waitFor((m) => typeOf(m) === EVENTS.alertRaised.type, ALERTS)).map((m) => dataOf<AlertRaisedV1>(m));
    const escalatedOf = (alertId: string) =>
      probe.messages
        .filter((m) => typeOf(m) === EVENTS.alertEscalated.type)
        .map((m) => dataOf<AlertEscalatedV1>(m))
        .filter((e) => e.alertId === alertId);

    // Every alert reaches level 2 (both instances polling every 50 ms all along).
    await eventually(() => {
      for (const alert of raised) expect(escalatedOf(alert.alertId).length).toBeGreaterThanOrEqual(2);
    }, 20_000);

    const doctor = await tokenFor({ role: 'doctor', sub: 'dr-night', hc: healthCenterId });
    for (const [i, alert] of raised.entries()) {
      const acknowledged = await instances[i % 2].request('POST', `/alerts/${alert.alertId}/acknowledge`, { token: doctor });
      expect(acknowledged.status).toBe(200);
    }
    const levelsAtAck = new Map(raised.map((a) => [a.alertId, escalatedOf(a.alertId).length]));
    // Two more limits pass: nothing escalates once a doctor has it.
    await new Promise((resolve) => setTimeout(resolve, (LIMIT_SECONDS * 2 + 0.5) * 1000));

    for (const alert of raised) {
      const escalations = escalatedOf(alert.alertId);
      // Exactly once per level, levels without gaps: no instance escalated what the other already had.
      expect(escalations.map((e) => e.level)).toEqual(escalations.map((_, i) => i + 1));
      expect(escalations.length).toBeLessThanOrEqual(levelsAtAck.get(alert.alertId)! + 1); // at most one racing the acknowledgement
      const [first] = escalations;
      expect(first).toMatchObject({
        escalatedTo: 'district-on-call',
        severity: 'emergency',
        healthCenterId,
        deadlineMissed: alert.acknowledgeBy,
      });
      // Not before its limit.
      expect(Date.parse(first.escalatedAt)).toBeGreaterThanOrEqual(Date.parse(alert.raisedAt) + LIMIT_SECONDS * 1000);
      expect(Date.parse(escalations[1].escalatedAt) - Date.parse(first.escalatedAt)).toBeGreaterThanOrEqual(LIMIT_SECONDS * 1000 - 5);

      const [row] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM alert_transition WHERE alert_id = $1 AND transition = 'escalated'`,
        [alert.alertId],
      );
      expect(row.n).toBe(escalations.length);
    }

    // Visible on the alert.
    const view = await instances[0].request('GET', `/alerts/${raised[0].alertId}`, { token: doctor });
    expect(view.body).toMatchObject({ status: 'acknowledged', escalation: { escalatedTo: 'district-on-call', nextEscalationAt: null } });
    expect(view.body.escalation.level).toBe(escalatedOf(raised[0].alertId).length);

    // The district on-call heard of every escalation once, signed (two dispatchers, one delivery each).
    await eventually(() => {
      const total = raised.reduce((sum, a) => sum + escalatedOf(a.alertId).length, 0);
      expect(hooks.length).toBe(total);
    });
    expect(hooks.every((h) => h.valid && h.body.kind === 'alert.escalated')).toBe(true);
    for (const alert of raised) {
      const levels = hooks.filter((h) => h.body.payload.alertId === alert.alertId).map((h) => h.body.payload.escalationLevel);
      expect([...levels].sort()).toEqual(escalatedOf(alert.alertId).map((e) => e.level));
    }
  }, 60_000);
});
