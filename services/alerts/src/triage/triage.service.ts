import { Inject, Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { ALERT_SEVERITIES, type AlertStatus } from '@siaga/contracts';
import { PageCursor, cursorPart } from '@siaga/http';
import { TransactionContext } from '@siaga/persistence';
import { AlertAccess, type AlertAction } from '@alerts/access/alert-access';
import { acknowledgedData, releasedData, resolvedData } from '@alerts/alert/alert-event-data';
import { AlertJournal } from '@alerts/alert/alert-journal';
import { SEVERITY_RANK } from '@alerts/alert/alert-rules';
import { decideAcknowledge, decideRelease, decideResolve, resolutionViolations, type Refusal } from '@alerts/alert/alert-transitions';
import { AlertErrorCode, AlertException } from '@alerts/alert/alert.exception';
import { AlertRepository, type AlertListFilter } from '@alerts/alert/alert.repository';
import { isRouted, type Alert, type DecisionDetails, type RoutedAlert, type TransitionActor } from '@alerts/alert/alert.types';
import { alertMetrics } from '@alerts/alert/alerts.metrics';
import { ESCALATION_POLICY, acknowledgeBy, type EscalationPolicy } from '@alerts/escalation/escalation-policy';
import { readsWithoutName, toAlertView, toTransitionView, type AlertDetailView, type AlertView } from './alert.view';
import type { ResolveAlertDto, TriageQueryDto } from './triage.dto';

/** Severity rank, raised at, id: the order of the triage list. */
const CURSOR = new PageCursor<[rank: number, raisedAt: string, id: string]>('alerts', [
  cursorPart.oneOf(...Object.values(SEVERITY_RANK)),
  cursorPart.timestamp,
  cursorPart.uuid,
]);

const cursorAt = ([rank, raisedAt, id]: [number, string, string]): AlertListFilter['after'] => ({ rank, raisedAt, id });

const DEFAULT_STATUSES: AlertStatus[] = ['open', 'acknowledged'];

const actorOf = (actor: Actor): TransitionActor => ({ id: actor.userId, role: actor.role, name: actor.name ?? null });

const today = (): string => new Date().toISOString().slice(0, 10);

/** The doctors' side: triage lists, reading an alert, acknowledging, releasing and deciding it. */
@Injectable()
export class TriageService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly journal: AlertJournal,
    private readonly access: AlertAccess,
    private readonly audit: AccessAudit,
    private readonly tx: TransactionContext,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
  ) {}

  /** The caller's alerts, most urgent then oldest first, a page at a time; every alert listed is audited. */
  async list(actor: Actor, query: TriageQueryDto): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    const scope = await this.access.listScope(actor, 'alert.list');
    const limit = query.limit ?? 50;
    const filter: AlertListFilter = {
      scope,
      statuses: query.status && query.status.length > 0 ? [...new Set(query.status)] : DEFAULT_STATUSES,
      severities: query.severity && query.severity.length > 0 ? ALERT_SEVERITIES.filter((s) => query.severity!.includes(s)) : undefined,
      after: query.cursor ? cursorAt(CURSOR.decode(query.cursor)) : undefined,
      limit: limit + 1,
    };
    const rows = await this.alerts.list(filter);
    const page = rows.slice(0, limit);
    await this.audit.record(
      ...page.map((r) => ({ actor, action: 'alert.list', pregnancyId: r.alert.pregnancyId, outcome: 'allowed' as const })),
    );
    const last = page.at(-1)?.alert;
    const options = { today: today(), withoutName: readsWithoutName(actor.role) };
    return {
      items: page.map((r) => toAlertView(r, options)),
      nextCursor: rows.length > limit && last ? CURSOR.encode([SEVERITY_RANK[last.severity], last.raisedAt.toISOString(), last.id]) : null,
    };
  }

  /** An Idempotency-Key replay of a triage answer is a read of that alert: allowed (and audited) as one. */
  async authorizeReplay(actor: Actor, alertId: string): Promise<void> {
    const found = await this.alerts.findWithSummary(alertId);
    if (!found) throw this.notFound(alertId);
    await this.access.authorize(actor, 'alert.read', found.alert);
  }

  /** One alert with its whole transition history. */
  async get(actor: Actor, alertId: string): Promise<AlertDetailView> {
    const found = await this.alerts.findWithSummary(alertId);
    if (!found) throw this.notFound(alertId);
    await this.access.authorize(actor, 'alert.read', found.alert);
    return {
      ...toAlertView(found, { withoutName: readsWithoutName(actor.role) }),
      transitions: (await this.alerts.transitions(alertId)).map(toTransitionView),
    };
  }

  /** Claims the alert for the calling doctor; stops its escalation timer. */
  acknowledge(actor: Actor, alertId: string): Promise<AlertDetailView> {
    return this.change(actor, alertId, 'alert.acknowledge', async (alert, now) => {
      const decision = decideAcknowledge(alert, actor.userId);
      if (decision === 'already-yours') return alert;
      if (decision !== 'acknowledge') throw this.refusal(decision);
      return this.acknowledgeNow(actor, alert, now);
    });
  }

  /** Gives the alert back (end of shift): open again, with a fresh deadline and a running timer. */
  release(actor: Actor, alertId: string): Promise<AlertDetailView> {
    return this.change(actor, alertId, 'alert.release', async (alert, now) => {
      const decision = decideRelease(alert, actor.userId);
      if (decision !== 'release') throw this.refusal(decision);
      const deadline = acknowledgeBy(this.policy, alert.severity, now);
      const saved = await this.save(alert, {
        status: 'open',
        acknowledgedBy: null,
        acknowledgedByName: null,
        acknowledgedAt: null,
        acknowledgeBy: deadline,
        escalateAt: deadline,
        updatedAt: now,
      });
      await this.journal.record(saved, now, {
        transition: 'released',
        from: alert.status,
        actor: actorOf(actor),
        event: 'alertReleased',
        data: releasedData(saved, actor.userId),
      });
      return saved;
    });
  }

  /** Decides: monitor, schedule-visit, refer (the referral service acts on the event) or false-alarm. */
  resolve(actor: Actor, alertId: string, dto: ResolveAlertDto): Promise<AlertDetailView> {
    const violations = resolutionViolations(dto, today());
    if (violations.length > 0) throw AlertException.implausible(violations);
    return this.change(actor, alertId, 'alert.resolve', async (alert, now) => {
      const decision = decideResolve(alert, actor.userId);
      if (decision !== 'resolve' && decision !== 'acknowledge-and-resolve') throw this.refusal(decision);
      const held = decision === 'acknowledge-and-resolve' ? await this.acknowledgeNow(actor, alert, now) : alert;
      const details: DecisionDetails = {
        visitDate: dto.visitDate?.slice(0, 10) ?? null,
        referral: dto.referral
          ? {
              urgency: dto.referral.urgency,
              reason: dto.referral.reason,
              icd10: dto.referral.icd10 ?? null,
              treatmentGiven: dto.referral.treatmentGiven ?? null,
            }
          : null,
        note: dto.note ?? null,
      };
      const saved = await this.save(held, {
        status: 'resolved',
        decision: dto.decision,
        decisionDetails: details,
        resolvedBy: actor.userId,
        resolvedByName: actor.name ?? null,
        resolvedAt: now,
        escalateAt: null,
        updatedAt: now,
      });
      await this.journal.record(saved, now, {
        transition: 'resolved',
        from: held.status,
        actor: actorOf(actor),
        event: 'alertResolved',
        data: resolvedData(saved),
        details: { decision: dto.decision, ...details },
      });
      return saved;
    });
  }

  private async acknowledgeNow(actor: Actor, alert: RoutedAlert, now: Date): Promise<RoutedAlert> {
    const saved = await this.save(alert, {
      status: 'acknowledged',
      acknowledgedBy: actor.userId,
      acknowledgedByName: actor.name ?? null,
      acknowledgedAt: now,
      escalateAt: null,
      updatedAt: now,
    });
    await this.journal.record(saved, now, {
      transition: 'acknowledged',
      from: alert.status,
      actor: actorOf(actor),
      event: 'alertAcknowledged',
      data: acknowledgedData(saved),
    });
    const since = alert.routedAt ?? alert.raisedAt;
    alertMetrics.timeToAcknowledge.observe({ severity: alert.severity }, Math.max(0, (now.getTime() - since.getTime()) / 1000));
    return saved;
  }

  /** Locks the alert, checks the caller's scope (audited), applies the change; the answer is read after it. */
  private async change(
    actor: Actor,
    alertId: string,
    action: AlertAction,
    apply: (alert: RoutedAlert, now: Date) => Promise<Alert>,
  ): Promise<AlertDetailView> {
    await this.tx.run(async () => {
      const alert = await this.alerts.lockById(alertId);
      if (!alert) throw this.notFound(alertId);
      await this.access.authorize(actor, action, alert);
      if (!isRouted(alert)) throw this.notFound(alertId); // unreachable for doctors: an unrouted alert has no health center
      await apply(alert, new Date());
    });
    const found = await this.alerts.findWithSummary(alertId);
    if (!found) throw this.notFound(alertId);
    return { ...toAlertView(found), transitions: (await this.alerts.transitions(alertId)).map(toTransitionView) };
  }

  private async save(alert: RoutedAlert, changes: Partial<Alert>): Promise<RoutedAlert> {
    return (await this.alerts.save({ ...alert, ...changes })) as RoutedAlert;
  }

  private notFound(alertId: string): AlertException {
    return new AlertException(AlertErrorCode.NotFound, `No alert ${alertId}`);
  }

  private refusal(refusal: Refusal): AlertException {
    switch (refusal.refused) {
      case 'held-by-other': {
        const who = refusal.holder.name ? `${refusal.holder.name} (${refusal.holder.userId})` : refusal.holder.userId;
        return new AlertException(AlertErrorCode.AcknowledgedByOther, `${who} has this alert since ${refusal.holder.since ?? 'earlier'}`, {
          acknowledgedBy: refusal.holder,
        });
      }
      case 'already-decided':
        return new AlertException(
          AlertErrorCode.AlreadyDecided,
          `This alert is already ${refusal.status} (${refusal.decision ?? 'no decision'})`,
          {
            alertStatus: refusal.status, // not `status`: that member is the HTTP status of the problem document
            decision: refusal.decision,
          },
        );
      case 'not-held':
        return new AlertException(AlertErrorCode.NotAcknowledged, 'Nobody has acknowledged this alert', { alertStatus: refusal.status });
    }
  }
}
