import type {
  AlertAcknowledgedV1,
  AlertClosedV1,
  AlertEscalatedV1,
  AlertRaisedV1,
  AlertReleasedV1,
  AlertResolvedV1,
  AlertSeverity,
  AlertUpdatedV1,
} from '@siaga/contracts';
import type { Alert, RoutedAlert } from './alert.types';

/** The data of each alert event, from the alert as it stands after the transition. */

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const required = (date: Date | null, field: string): string => {
  if (!date) throw new Error(`alert has no ${field}`);
  return date.toISOString();
};

export const raisedData = (a: RoutedAlert): AlertRaisedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  villageCode: a.villageCode,
  midwifeId: a.midwifeId,
  kind: a.kind,
  severity: a.severity,
  findings: a.findings,
  score: a.score,
  category: a.category,
  assessmentId: a.raisedByAssessmentId,
  acknowledgeBy: required(a.acknowledgeBy, 'acknowledgement deadline'),
  raisedAt: a.raisedAt.toISOString(),
});

export const updatedData = (a: RoutedAlert, previousSeverity: AlertSeverity): AlertUpdatedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  kind: a.kind,
  severity: a.severity,
  previousSeverity,
  findings: a.findings,
  score: a.score,
  category: a.category,
  assessmentId: a.lastAssessmentId,
  acknowledgeBy: a.status === 'open' ? iso(a.acknowledgeBy) : null,
  updatedAt: a.updatedAt.toISOString(),
});

export const acknowledgedData = (a: RoutedAlert): AlertAcknowledgedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  acknowledgedBy: a.acknowledgedBy ?? 'unknown',
  acknowledgedByName: a.acknowledgedByName,
  acknowledgedAt: required(a.acknowledgedAt, 'acknowledgement time'),
});

export const releasedData = (a: RoutedAlert, releasedBy: string): AlertReleasedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  releasedBy,
  releasedAt: a.updatedAt.toISOString(),
  acknowledgeBy: required(a.acknowledgeBy, 'acknowledgement deadline'),
});

export const escalatedData = (a: RoutedAlert, deadlineMissed: Date): AlertEscalatedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  villageCode: a.villageCode,
  severity: a.severity,
  level: a.escalationLevel,
  escalatedTo: 'district-on-call',
  deadlineMissed: deadlineMissed.toISOString(),
  escalatedAt: required(a.lastEscalatedAt, 'escalation time'),
  nextEscalationAt: required(a.escalateAt, 'next escalation time'),
});

export const resolvedData = (a: RoutedAlert): AlertResolvedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  villageCode: a.villageCode,
  midwifeId: a.midwifeId,
  kind: a.kind,
  severity: a.severity,
  decision: a.decision ?? 'monitor',
  visitDate: a.decisionDetails?.visitDate ?? null,
  referral: a.decisionDetails?.referral ?? null,
  note: a.decisionDetails?.note ?? null,
  findings: a.findings,
  score: a.score,
  category: a.category,
  decidedBy: a.resolvedBy ?? 'unknown',
  decidedByName: a.resolvedByName,
  decidedAt: required(a.resolvedAt, 'decision time'),
});

export const closedData = (a: Alert): AlertClosedV1 => ({
  alertId: a.id,
  pregnancyId: a.pregnancyId,
  healthCenterId: a.healthCenterId,
  reason: a.closeReason ?? 'pregnancy-closed',
  referralId: a.referralId,
  closedAt: required(a.closedAt, 'closing time'),
});
