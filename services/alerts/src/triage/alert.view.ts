import { gestationalDays } from '@siaga/contracts';
import type { AlertWithSummary } from '@alerts/alert/alert.repository';
import type { AlertTransition } from '@alerts/alert/alert.types';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** Gestational age from HPHT on a given day: completed weeks and days ("21w3d"). */
export function gestationalAge(hpht: string | null, today: string): { weeks: number; days: number; label: string } | null {
  if (!hpht) return null;
  const total = gestationalDays(hpht, today);
  if (total < 0) return null;
  const weeks = Math.floor(total / 7);
  return { weeks, days: total % 7, label: `${weeks}w${total % 7}d` };
}

export interface ViewOptions {
  today?: string;
  /** District staff see aggregates, not names (domain reference, section 1): the woman's name is left out. */
  withoutName?: boolean;
}

/** Callers who read alerts without the woman's name. */
export const readsWithoutName = (role: string): boolean => role === 'district';

/** What a doctor sees of an alert: why (findings), how urgent, who has it, what was decided, and the woman behind it. */
export function toAlertView({ alert: a, summary: s }: AlertWithSummary, options: ViewOptions = {}) {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    ruleIds: a.findings.map((f) => f.ruleId),
    findings: a.findings,
    score: a.score,
    category: a.category,
    raisedAt: a.raisedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
    acknowledgeBy: iso(a.acknowledgeBy),
    acknowledged: a.acknowledgedBy ? { by: a.acknowledgedBy, name: a.acknowledgedByName, at: iso(a.acknowledgedAt) } : null,
    escalation: {
      level: a.escalationLevel,
      escalatedTo: a.escalationLevel > 0 ? ('district-on-call' as const) : null,
      lastEscalatedAt: iso(a.lastEscalatedAt),
      nextEscalationAt: iso(a.escalateAt),
    },
    resolution: a.decision
      ? {
          decision: a.decision,
          visitDate: a.decisionDetails?.visitDate ?? null,
          referral: a.decisionDetails?.referral ?? null,
          note: a.decisionDetails?.note ?? null,
          by: a.resolvedBy,
          name: a.resolvedByName,
          at: iso(a.resolvedAt),
        }
      : null,
    closure: a.closedAt ? { reason: a.closeReason, referralId: a.referralId, at: iso(a.closedAt) } : null,
    pregnancy: {
      id: a.pregnancyId,
      motherName: options.withoutName ? null : s.motherName,
      villageCode: a.villageCode ?? s.villageCode,
      villageName: s.villageName,
      districtName: s.districtName,
      healthCenterId: a.healthCenterId,
      midwifeId: a.midwifeId,
      hpht: s.hpht,
      hpl: s.hpl,
      gestationalAge: gestationalAge(s.hpht, today),
      lastVisitDate: s.lastVisitDate,
      currentScore: s.score,
      currentCategory: s.category,
      status: s.status,
    },
  };
}

export type AlertView = ReturnType<typeof toAlertView>;

export const toTransitionView = (t: AlertTransition) => ({
  transition: t.transition,
  from: t.fromStatus,
  to: t.toStatus,
  by: t.actorId,
  role: t.actorRole,
  name: t.actorName,
  details: t.details,
  eventId: t.eventId,
  at: t.at.toISOString(),
});

export type AlertDetailView = AlertView & { transitions: ReturnType<typeof toTransitionView>[] };
