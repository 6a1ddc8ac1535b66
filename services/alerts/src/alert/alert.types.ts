import type { AlertCloseReason, AlertDecision, AlertKind, AlertSeverity, AlertStatus, FindingV1, RiskCategory } from '@siaga/contracts';

/** The details of a decision, as stored (decision_details) and as AlertResolvedV1 carries them. */
export interface DecisionDetails {
  visitDate?: string | null;
  referral?: { urgency: 'emergency' | 'planned'; reason: string; icd10?: string | null; treatmentGiven?: string | null } | null;
  note?: string | null;
}

/** One alert row (the `alert` table), in memory. */
export interface Alert {
  id: string;
  pregnancyId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  findings: FindingV1[];
  score: number;
  category: RiskCategory;
  raisedByAssessmentId: string;
  lastAssessmentId: string;
  healthCenterId: string | null;
  villageCode: string | null;
  midwifeId: string | null;
  raisedAt: Date;
  routedAt: Date | null;
  updatedAt: Date;
  version: number;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
  acknowledgeBy: Date | null;
  escalateAt: Date | null;
  escalationLevel: number;
  lastEscalatedAt: Date | null;
  decision: AlertDecision | null;
  decisionDetails: DecisionDetails | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: Date | null;
  closeReason: AlertCloseReason | null;
  referralId: string | null;
  closedAt: Date | null;
}

/** A routed alert: its pregnancy's health center, village and midwife are known. */
export type RoutedAlert = Alert & { healthCenterId: string; villageCode: string; midwifeId: string };

export const isRouted = (alert: Alert): alert is RoutedAlert =>
  alert.healthCenterId !== null && alert.villageCode !== null && alert.midwifeId !== null;

export type TransitionName = 'raised' | 'updated' | 'acknowledged' | 'released' | 'escalated' | 'resolved' | 'closed';

/** Who made a transition: a doctor (token subject) or the system (`system:<component>`). */
export interface TransitionActor {
  id: string;
  role: string;
  name: string | null;
}

export interface AlertTransition {
  transition: TransitionName;
  fromStatus: AlertStatus | null;
  toStatus: AlertStatus;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  details: Record<string, unknown>;
  eventId: string;
  at: Date;
}

/** The woman behind an alert, as the projection knows her. */
export interface PregnancySummary {
  pregnancyId: string;
  snapshotSequence: number;
  motherName: string | null;
  villageCode: string | null;
  villageName: string | null;
  districtName: string | null;
  healthCenterId: string | null;
  midwifeId: string | null;
  hpht: string | null;
  hpl: string | null;
  status: 'open' | 'closed';
  lastVisitDate: string | null;
  score: number | null;
  category: RiskCategory | null;
}
