import type { AlertDecision, AlertStatus } from '@siaga/contracts';

/** What the state machine needs to know of an alert. */
export interface AlertState {
  status: AlertStatus;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
  decision: AlertDecision | null;
}

export type Refusal =
  | { refused: 'held-by-other'; holder: { userId: string; name: string | null; since: string | null } }
  | { refused: 'already-decided'; status: AlertStatus; decision: AlertDecision | null }
  | { refused: 'not-held'; status: AlertStatus };

const holderOf = (alert: AlertState) => ({
  userId: alert.acknowledgedBy ?? 'unknown',
  name: alert.acknowledgedByName,
  since: alert.acknowledgedAt?.toISOString() ?? null,
});

const decided = (alert: AlertState): Refusal => ({ refused: 'already-decided', status: alert.status, decision: alert.decision });

/**
 * acknowledge: open → acknowledged (the caller claims it). Acknowledging one's own alert again changes
 * nothing; an alert someone else holds is refused naming the holder; a decided alert is refused.
 */
export function decideAcknowledge(alert: AlertState, userId: string): 'acknowledge' | 'already-yours' | Refusal {
  switch (alert.status) {
    case 'open':
      return 'acknowledge';
    case 'acknowledged':
      return alert.acknowledgedBy === userId ? 'already-yours' : { refused: 'held-by-other', holder: holderOf(alert) };
    case 'resolved':
    case 'closed':
      return decided(alert);
  }
}

/** release: acknowledged → open, by the doctor who holds it only (end of a shift: the timer starts again). */
export function decideRelease(alert: AlertState, userId: string): 'release' | Refusal {
  switch (alert.status) {
    case 'acknowledged':
      return alert.acknowledgedBy === userId ? 'release' : { refused: 'held-by-other', holder: holderOf(alert) };
    case 'open':
      return { refused: 'not-held', status: alert.status };
    case 'resolved':
    case 'closed':
      return decided(alert);
  }
}

/**
 * resolve: acknowledged (by the caller) → resolved. An open alert is acknowledged and resolved in one step
 * (a doctor on night duty deciding an emergency should not need two taps); both steps are recorded.
 */
export function decideResolve(alert: AlertState, userId: string): 'resolve' | 'acknowledge-and-resolve' | Refusal {
  switch (alert.status) {
    case 'open':
      return 'acknowledge-and-resolve';
    case 'acknowledged':
      return alert.acknowledgedBy === userId ? 'resolve' : { refused: 'held-by-other', holder: holderOf(alert) };
    case 'resolved':
    case 'closed':
      return decided(alert);
  }
}

/** closed by the system: a referral that completed (only a `refer` decision waits for one), or the pregnancy ended. */
export function canClose(alert: Pick<AlertState, 'status' | 'decision'>, reason: 'referral-completed' | 'pregnancy-closed'): boolean {
  switch (alert.status) {
    case 'open':
    case 'acknowledged':
      return reason === 'pregnancy-closed';
    case 'resolved':
      return alert.decision === 'refer';
    case 'closed':
      return false;
  }
}

export interface FieldViolation {
  field: string;
  message: string;
}

export interface Resolution {
  decision: AlertDecision;
  visitDate?: string;
  referral?: { urgency: string; reason: string; icd10?: string; treatmentGiven?: string };
  note?: string;
}

const DAY_MS = 86_400_000;
const MAX_VISIT_AHEAD_DAYS = 90;

/**
 * The details each decision needs, and nothing another decision owns: schedule-visit a date from today to
 * 90 days ahead, refer its referral request, false-alarm a note saying why. Returns every violation.
 */
export function resolutionViolations(resolution: Resolution, today: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const { decision } = resolution;
  if (decision === 'schedule-visit') {
    if (resolution.visitDate === undefined) violations.push({ field: 'visitDate', message: 'is required to schedule a visit' });
    else {
      const days = (Date.parse(resolution.visitDate.slice(0, 10)) - Date.parse(today)) / DAY_MS;
      if (Number.isNaN(days)) violations.push({ field: 'visitDate', message: 'must be a date (YYYY-MM-DD)' });
      else if (days < 0) violations.push({ field: 'visitDate', message: 'is in the past' });
      else if (days > MAX_VISIT_AHEAD_DAYS)
        violations.push({ field: 'visitDate', message: `is more than ${MAX_VISIT_AHEAD_DAYS} days ahead` });
    }
  } else if (resolution.visitDate !== undefined) {
    violations.push({ field: 'visitDate', message: 'is only for decision schedule-visit' });
  }
  if (decision === 'refer') {
    if (resolution.referral === undefined) violations.push({ field: 'referral', message: 'is required to refer (urgency and reason)' });
  } else if (resolution.referral !== undefined) {
    violations.push({ field: 'referral', message: 'is only for decision refer' });
  }
  if (decision === 'false-alarm' && !resolution.note?.trim()) {
    violations.push({ field: 'note', message: 'is required for a false alarm: say why' });
  }
  return violations;
}
