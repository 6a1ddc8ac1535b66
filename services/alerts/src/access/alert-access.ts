import { Injectable } from '@nestjs/common';
import { AccessAudit, inCareScope, type Actor } from '@siaga/auth';
import { AlertErrorCode, AlertException } from '@alerts/alert/alert.exception';

export type AlertAction = 'alert.list' | 'alert.read' | 'alert.stream' | 'alert.acknowledge' | 'alert.release' | 'alert.resolve';

const READS: ReadonlySet<AlertAction> = new Set(['alert.list', 'alert.read', 'alert.stream']);

/** An alert's scope keys: where the pregnancy is followed (null until registration's snapshot is known). */
export interface ScopedAlert {
  pregnancyId: string;
  healthCenterId: string | null;
  villageCode: string | null;
  midwifeId: string | null;
}

/** Which alerts a caller's list and live feed hold. */
export type AlertListScope =
  { kind: 'health-center'; healthCenterId: string } | { kind: 'midwife'; villageCodes: string[]; midwifeId: string } | { kind: 'regency' };

/** The care scope, widened to the pregnancy's assigned midwife: the alert is routed to her too. */
const inAlertCareScope = (actor: Actor, alert: ScopedAlert): boolean => inCareScope(actor, alert, { assignedMidwifeId: alert.midwifeId });

/**
 * Doctors see and act on their health center's alerts; midwives see the alerts of their own pregnancies
 * (their villages, or assigned to them) read-only; district staff see every alert of the regency, read-only;
 * escorts, hospital staff and admins see none.
 */
export function isAllowed(actor: Actor, action: AlertAction, alert: ScopedAlert): boolean {
  switch (actor.role) {
    case 'doctor':
      return inAlertCareScope(actor, alert);
    case 'midwife':
      return READS.has(action) && inAlertCareScope(actor, alert);
    case 'district':
      return READS.has(action);
    case 'hospital':
    case 'escort':
    case 'admin':
      return false;
  }
}

/** The list / feed scope of a caller; null when the caller has none (a doctor without a health center, ...). */
export function listScopeOf(actor: Actor): AlertListScope | null {
  switch (actor.role) {
    case 'doctor':
      return actor.healthCenterId ? { kind: 'health-center', healthCenterId: actor.healthCenterId } : null;
    case 'midwife':
      return { kind: 'midwife', villageCodes: actor.villageCodes, midwifeId: actor.userId };
    case 'district':
      return { kind: 'regency' };
    case 'hospital':
    case 'escort':
    case 'admin':
      return null;
  }
}

/** The same rule as isAllowed, for an alert already in a list scope's hands (the live feed filters with it). */
export function inListScope(scope: AlertListScope, alert: ScopedAlert): boolean {
  switch (scope.kind) {
    case 'health-center':
      return alert.healthCenterId === scope.healthCenterId;
    case 'midwife':
      return (alert.villageCode !== null && scope.villageCodes.includes(alert.villageCode)) || alert.midwifeId === scope.midwifeId;
    case 'regency':
      return true;
  }
}

@Injectable()
export class AlertAccess {
  constructor(private readonly audit: AccessAudit) {}

  /** Records the decision in the access audit either way; throws 403 when the actor may not. */
  async authorize(actor: Actor, action: AlertAction, alert: ScopedAlert): Promise<void> {
    const allowed = isAllowed(actor, action, alert);
    await this.audit.record({
      actor,
      action,
      pregnancyId: alert.pregnancyId,
      outcome: allowed ? 'allowed' : 'denied',
      reason: allowed ? undefined : READS.has(action) || actor.role === 'doctor' ? 'outside the caller’s scope' : 'read-only for this role',
    });
    if (!allowed) {
      const message =
        actor.role === 'midwife' && !READS.has(action) && inAlertCareScope(actor, alert)
          ? 'Midwives see their pregnancies’ alerts read-only; a doctor of the health center decides'
          : 'This alert is outside your scope';
      throw new AlertException(AlertErrorCode.OutOfScope, message);
    }
  }

  /** The caller's list scope; throws 403 (audited) when there is none. */
  async listScope(actor: Actor, action: 'alert.list' | 'alert.stream'): Promise<AlertListScope> {
    const scope = listScopeOf(actor);
    if (!scope) {
      await this.audit.record({ actor, action, outcome: 'denied', reason: 'no alert scope for this caller' });
      throw new AlertException(AlertErrorCode.OutOfScope, 'Your token names no health center');
    }
    return scope;
  }
}
