import { TOPICS } from '@siaga/contracts';
import { eventually, KafkaProbe, type ProbedMessage } from '@siaga/testing';
import { call } from './support/client';
import { emergencyVisit, healthCenterStaff, lowRiskWoman } from './support/people';
import { startSystem, type RunningSystem } from './support/system';

/** Shortened limits (production: 900 s to acknowledge an emergency, then again every 900 s). */
const ACK_LIMIT_SECONDS = 3;
const REPEAT_SECONDS = 4;
const ESCALATED = 'id.siaga.alerts.alert-escalated.v1';

/**
 * Scenario 4: nobody acknowledges an emergency alert. Past the acknowledgement limit it escalates to the
 * district on-call, and again at every further interval; the escalation shows on the alert and goes out as
 * an event. Once a doctor acknowledges it, it stops.
 */
describe('e2e: unacknowledged emergency escalates', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    system = await startSystem({
      ALERT_ACK_LIMIT_EMERGENCY_SECONDS: String(ACK_LIMIT_SECONDS),
      ALERT_ESCALATION_REPEAT_EMERGENCY_SECONDS: String(REPEAT_SECONDS),
      ALERT_ESCALATION_POLL_MS: '200',
    });
    staff = await healthCenterStaff();
    await probe.watch([`${system.topicPrefix}${TOPICS.alert}`]);
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  const escalationsOf = (alertId: string) => (m: ProbedMessage) =>
    m.headers.ce_type === ESCALATED && (JSON.parse(m.value ?? '{}') as { alertId?: string }).alertId === alertId;

  it('escalates to the district on-call past the limit, again every interval, and stops once a doctor acknowledges', async () => {
    const alerts = system.url('alerts');
    const registered = await call(system.url('registration'), 'POST', '/pregnancies', staff.midwife, lowRiskWoman(32 * 7));
    expect(registered.status).toBe(201);
    const pregnancyId: string = registered.body.id;
    expect(
      (await call(system.url('registration'), 'POST', `/pregnancies/${pregnancyId}/visits`, staff.midwife, emergencyVisit())).status,
    ).toBe(201);

    const raised = await eventually(async () => {
      const response = await call(alerts, 'GET', '/alerts?severity=emergency', staff.doctor);
      const [alert] = response.body.items.filter((a: { pregnancy: { id: string } }) => a.pregnancy.id === pregnancyId);
      expect(alert).toMatchObject({ severity: 'emergency', status: 'open', escalation: { level: 0, escalatedTo: null } });
      return alert;
    }, 30_000);
    const alertId: string = raised.id;
    const acknowledgeBy = Date.parse(raised.acknowledgeBy);
    expect(acknowledgeBy - Date.parse(raised.raisedAt)).toBeGreaterThanOrEqual(ACK_LIMIT_SECONDS * 1000 - 1000);
    expect(raised.escalation.nextEscalationAt).toBe(raised.acknowledgeBy);

    // Nobody acknowledges: past the limit it escalates to the district on-call.
    const first = await eventually(
      async () => {
        const response = await call(alerts, 'GET', `/alerts/${alertId}`, staff.doctor);
        expect(response.body.escalation.level).toBeGreaterThanOrEqual(1);
        return response.body;
      },
      ACK_LIMIT_SECONDS * 1000 + 30_000,
      100,
    );
    expect(first).toMatchObject({ status: 'open', acknowledged: null, escalation: { escalatedTo: 'district-on-call' } });
    expect(Date.parse(first.escalation.lastEscalatedAt)).toBeGreaterThanOrEqual(acknowledgeBy);
    expect(first.transitions.map((t: { transition: string }) => t.transition)).toContain('escalated');

    // The district on-call sees it escalated (without her name: aggregates, no names).
    const districtView = await call(alerts, 'GET', `/alerts/${alertId}`, staff.district);
    expect(districtView.status).toBe(200);
    expect(districtView.body).toMatchObject({ escalation: { escalatedTo: 'district-on-call' }, pregnancy: { motherName: null } });

    // On the broker: alert-escalated, level 1, naming the deadline it missed.
    const [levelOne] = await probe.waitFor(escalationsOf(alertId), 1, 30_000);
    expect(levelOne.key).toBe(pregnancyId);
    const event = JSON.parse(levelOne.value!);
    expect(event).toMatchObject({
      alertId,
      pregnancyId,
      healthCenterId: staff.healthCenterId,
      severity: 'emergency',
      level: 1,
      escalatedTo: 'district-on-call',
    });
    expect(Date.parse(event.deadlineMissed)).toBe(acknowledgeBy);
    expect(Date.parse(event.nextEscalationAt) - Date.parse(event.escalatedAt)).toBe(REPEAT_SECONDS * 1000);

    // Still nobody: it escalates again at the next interval, once per interval.
    const second = await eventually(
      async () => {
        const response = await call(alerts, 'GET', `/alerts/${alertId}`, staff.doctor);
        expect(response.body.escalation.level).toBeGreaterThanOrEqual(2);
        return response.body;
      },
      REPEAT_SECONDS * 1000 + 30_000,
      100,
    );
    const levels = (await probe.waitFor(escalationsOf(alertId), 2, 30_000)).map((m) => (JSON.parse(m.value!) as { level: number }).level);
    expect(levels.slice(0, 2)).toEqual([1, 2]);

    // A doctor finally acknowledges: the timer stops, no further escalation.
    const acknowledged = await call(alerts, 'POST', `/alerts/${alertId}/acknowledge`, staff.doctor);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', escalation: { nextEscalationAt: null } });
    const levelAtAck: number = acknowledged.body.escalation.level;
    expect(levelAtAck).toBeGreaterThanOrEqual(second.escalation.level);
    await new Promise((resolve) => setTimeout(resolve, (REPEAT_SECONDS + 2) * 1000));
    const later = await call(alerts, 'GET', `/alerts/${alertId}`, staff.doctor);
    expect(later.body).toMatchObject({ status: 'acknowledged', escalation: { level: levelAtAck, nextEscalationAt: null } });
    expect(probe.messages.filter(escalationsOf(alertId))).toHaveLength(levelAtAck);

    console.log(
      `e2e escalation (system ${system.id}): raised ${raised.raisedAt}, deadline ${raised.acknowledgeBy}, ` +
        `escalated ${first.escalation.lastEscalatedAt} (level 1), level 2 at ${second.escalation.lastEscalatedAt}`,
    );
  }, 120_000);
});
