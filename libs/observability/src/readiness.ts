/**
 * One dependency or duty a service has before it can serve well: /health/ready runs every registered check.
 * A check throws when the service cannot serve (down: 503, take it out of the load balancer), and resolves with
 * `{ degraded }` when it serves but someone has to act (200: restarting or unrouting it would not help).
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void | ReadinessDegraded>;
}

export interface ReadinessDegraded {
  /** What is wrong and what to do, for the operator who reads /health/ready. */
  degraded: string;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export type CheckOutcome = { status: 'up' } | { status: 'degraded'; reason: string } | { status: 'down'; error: string };

/** The service's readiness from its checks: down if any is down, else degraded if any is degraded, else up. */
export function overallReadiness(outcomes: readonly CheckOutcome[]): 'up' | 'degraded' | 'down' {
  if (outcomes.some((o) => o.status === 'down')) return 'down';
  return outcomes.some((o) => o.status === 'degraded') ? 'degraded' : 'up';
}
