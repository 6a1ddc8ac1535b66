import { acknowledgeBy, escalationPolicyFromEnv, nextEscalationAt } from './escalation-policy';

describe(escalationPolicyFromEnv.name, () => {
  it('defaults to 15 minutes for an emergency and 24 hours for high', () => {
    const policy = escalationPolicyFromEnv({});
    expect(policy.ackLimitSeconds).toEqual({ emergency: 900, high: 86_400, medium: 259_200, low: 604_800 });
    expect(policy.repeatSeconds).toEqual(policy.ackLimitSeconds);
  });

  it('takes limits and repeat intervals per severity from the environment', () => {
    const policy = escalationPolicyFromEnv({ ALERT_ACK_LIMIT_EMERGENCY_SECONDS: '2', ALERT_ESCALATION_REPEAT_HIGH_SECONDS: '600' });
    expect(policy.ackLimitSeconds.emergency).toBe(2);
    expect(policy.repeatSeconds.emergency).toBe(2); // follows its limit unless set
    expect(policy.repeatSeconds.high).toBe(600);
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => escalationPolicyFromEnv({ ALERT_ACK_LIMIT_HIGH_SECONDS: '0' })).toThrow(/ALERT_ACK_LIMIT_HIGH_SECONDS/);
  });
});

describe('deadlines', () => {
  const policy = escalationPolicyFromEnv({});
  const at = new Date('2026-06-01T22:00:00.000Z');

  it('gives an emergency 15 minutes from when it reached the health center', () => {
    expect(acknowledgeBy(policy, 'emergency', at).toISOString()).toBe('2026-06-01T22:15:00.000Z');
    expect(acknowledgeBy(policy, 'high', at).toISOString()).toBe('2026-06-02T22:00:00.000Z');
  });

  it('escalates again one interval after the last escalation', () => {
    expect(nextEscalationAt(policy, 'emergency', at).toISOString()).toBe('2026-06-01T22:15:00.000Z');
  });
});
