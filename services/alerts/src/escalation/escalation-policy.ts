import { ALERT_SEVERITIES, type AlertSeverity } from '@siaga/contracts';

/**
 * How long an alert may wait for a doctor's acknowledgement before it goes up to the district on-call, and
 * how often it goes up again while still nobody has it. Defaults: emergency 15 minutes, high 24 hours
 * (issue 4); medium 3 days and low 7 days, the time a KRT woman's or an overdue visit's follow-up can wait.
 */
export interface EscalationPolicy {
  ackLimitSeconds: Record<AlertSeverity, number>;
  repeatSeconds: Record<AlertSeverity, number>;
  /** How often each instance looks for due alerts (the due time itself is in the database). */
  pollMs: number;
  batchSize: number;
}

export const ESCALATION_POLICY = Symbol('ESCALATION_POLICY');

const DEFAULT_ACK_LIMIT_SECONDS: Record<AlertSeverity, number> = {
  emergency: 15 * 60,
  high: 24 * 3600,
  medium: 72 * 3600,
  low: 7 * 24 * 3600,
};

const seconds = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got ${raw}`);
  return value;
};

/** ALERT_ACK_LIMIT_<SEVERITY>_SECONDS, ALERT_ESCALATION_REPEAT_<SEVERITY>_SECONDS (default: the limit), ALERT_ESCALATION_POLL_MS. */
export function escalationPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): EscalationPolicy {
  const ackLimitSeconds = {} as Record<AlertSeverity, number>;
  const repeatSeconds = {} as Record<AlertSeverity, number>;
  for (const severity of ALERT_SEVERITIES) {
    const key = severity.toUpperCase();
    ackLimitSeconds[severity] = seconds(env, `ALERT_ACK_LIMIT_${key}_SECONDS`, DEFAULT_ACK_LIMIT_SECONDS[severity]);
    repeatSeconds[severity] = seconds(env, `ALERT_ESCALATION_REPEAT_${key}_SECONDS`, ackLimitSeconds[severity]);
  }
  return {
    ackLimitSeconds,
    repeatSeconds,
    pollMs: seconds(env, 'ALERT_ESCALATION_POLL_MS', 1000),
    batchSize: Math.floor(seconds(env, 'ALERT_ESCALATION_BATCH_SIZE', 50)),
  };
}

/** The acknowledgement deadline of an alert that reached (or came back to) its health center at `from`. */
export const acknowledgeBy = (policy: EscalationPolicy, severity: AlertSeverity, from: Date): Date =>
  new Date(from.getTime() + policy.ackLimitSeconds[severity] * 1000);

/** After an escalation at `at`, the next one, should still nobody acknowledge. */
export const nextEscalationAt = (policy: EscalationPolicy, severity: AlertSeverity, at: Date): Date =>
  new Date(at.getTime() + policy.repeatSeconds[severity] * 1000);
