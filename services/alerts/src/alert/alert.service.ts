import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PregnancyAssessedV1 } from '@siaga/contracts';
import { LOGGER, type Logger } from '@siaga/observability';
import { TransactionContext } from '@siaga/persistence';
import { ESCALATION_POLICY, acknowledgeBy, type EscalationPolicy } from '@alerts/escalation/escalation-policy';
import { AlertNotifier } from '@alerts/notify/alert-notifier';
import { PregnancySummaryRepository } from '@alerts/pregnancy/pregnancy-summary.repository';
import { closedData, raisedData, updatedData } from './alert-event-data';
import { AlertJournal, systemActor } from './alert-journal';
import { mergeTrigger, triggerFor, type AlertTrigger } from './alert-rules';
import { canClose } from './alert-transitions';
import { AlertRepository } from './alert.repository';
import { isRouted, type Alert, type PregnancySummary, type RoutedAlert } from './alert.types';
import { alertMetrics } from './alerts.metrics';

/** What applying an assessment did (logged, asserted in tests). */
export type AssessmentResult = 'raised' | 'waiting-for-pregnancy' | 'updated' | 'refreshed' | 'no-alert' | 'already-applied';

const earliest = (a: Date | null, b: Date): Date => (a !== null && a.getTime() < b.getTime() ? a : b);

/** A summary that names where she is followed: her alerts can go to a health center. */
const routingOf = (s: PregnancySummary): { healthCenterId: string; villageCode: string; midwifeId: string } | null =>
  s.snapshotSequence > 0 && s.healthCenterId && s.villageCode && s.midwifeId
    ? { healthCenterId: s.healthCenterId, villageCode: s.villageCode, midwifeId: s.midwifeId }
    : null;

/** The system's side of alerts: raised and updated from assessments, routed when the pregnancy is known, closed when done. */
@Injectable()
export class AlertService {
  private readonly logger: Logger;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly summaries: PregnancySummaryRepository,
    private readonly journal: AlertJournal,
    private readonly notifier: AlertNotifier,
    private readonly tx: TransactionContext,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alerts' });
  }

  /**
   * Applies a chunk of assessments in stream order (inside the consumer's inbox transaction): records each woman's
   * latest score in one statement, then raises the alert each assessment asks for, or updates the open one of that
   * kind. The summary rows stay locked until commit, so routing (pregnancy events) and raising never interleave for
   * one woman. Most assessments ask for no alert and cost nothing beyond the one statement.
   */
  onAssessed(assessments: readonly PregnancyAssessedV1[]): Promise<AssessmentResult[]> {
    return this.tx.run(async () => {
      const latest = new Map(assessments.map((a) => [a.pregnancyId, a]));
      const summaries = await this.summaries.applyAssessments([...latest.values()]);
      const results: AssessmentResult[] = [];
      for (const a of assessments) results.push(await this.alertFor(a, summaries.get(a.pregnancyId)!));
      return results;
    });
  }

  private async alertFor(a: PregnancyAssessedV1, summary: PregnancySummary): Promise<AssessmentResult> {
    if (summary.status === 'closed') return 'no-alert';
    const trigger = triggerFor(a);
    if (!trigger) return 'no-alert';
    const now = new Date();
    const open = await this.alerts.lockOpen(a.pregnancyId, trigger.kind);
    return open ? this.update(open, trigger, a, now) : this.raise(trigger, a, summary, now);
  }

  private async raise(trigger: AlertTrigger, a: PregnancyAssessedV1, summary: PregnancySummary, now: Date): Promise<AssessmentResult> {
    const routing = routingOf(summary);
    const deadline = routing ? acknowledgeBy(this.policy, trigger.severity, now) : null;
    const alert: Alert = {
      id: randomUUID(),
      pregnancyId: a.pregnancyId,
      kind: trigger.kind,
      severity: trigger.severity,
      status: 'open',
      findings: trigger.findings,
      score: a.score,
      category: a.category,
      raisedByAssessmentId: a.assessmentId,
      lastAssessmentId: a.assessmentId,
      healthCenterId: routing?.healthCenterId ?? null,
      villageCode: routing?.villageCode ?? null,
      midwifeId: routing?.midwifeId ?? null,
      raisedAt: now,
      routedAt: routing ? now : null,
      updatedAt: now,
      version: 1,
      acknowledgedBy: null,
      acknowledgedByName: null,
      acknowledgedAt: null,
      acknowledgeBy: deadline,
      escalateAt: deadline,
      escalationLevel: 0,
      lastEscalatedAt: null,
      decision: null,
      decisionDetails: null,
      resolvedBy: null,
      resolvedByName: null,
      resolvedAt: null,
      closeReason: null,
      referralId: null,
      closedAt: null,
    };
    if (!(await this.alerts.insert(alert))) return 'already-applied';
    if (!isRouted(alert)) {
      // Her snapshot has not reached this service yet: the alert waits, unseen by doctors, and goes out when it does.
      this.logger.warn(
        { alertId: alert.id, pregnancyId: alert.pregnancyId },
        'alert raised before the pregnancy is known; waiting to route it',
      );
      return 'waiting-for-pregnancy';
    }
    await this.announceRaised(alert, summary, now);
    return 'raised';
  }

  private async update(open: Alert, trigger: AlertTrigger, a: PregnancyAssessedV1, now: Date): Promise<AssessmentResult> {
    if (open.lastAssessmentId === a.assessmentId || open.raisedByAssessmentId === a.assessmentId) return 'already-applied';
    const merged = mergeTrigger(open, trigger);
    let next: Alert = {
      ...open,
      severity: merged.severity,
      findings: merged.findings,
      score: a.score,
      category: a.category,
      lastAssessmentId: a.assessmentId,
      updatedAt: now,
    };
    if (merged.severityRose && next.status === 'open' && isRouted(next)) {
      // A more urgent alert gets the shorter deadline, never a later one than it already had.
      const deadline = acknowledgeBy(this.policy, merged.severity, now);
      next = { ...next, acknowledgeBy: earliest(open.acknowledgeBy, deadline), escalateAt: earliest(open.escalateAt, deadline) };
    }
    const saved = await this.alerts.save(next);
    const meaningful = merged.severityRose || merged.newRules.length > 0;
    if (!meaningful || !isRouted(saved)) return 'refreshed'; // same rules, newer facts: kept, no one is paged
    await this.journal.record(saved, now, {
      transition: 'updated',
      from: open.status,
      actor: systemActor('assessments'),
      event: 'alertUpdated',
      data: updatedData(saved, open.severity),
      details: { assessmentId: a.assessmentId, previousSeverity: open.severity, severity: saved.severity, newRules: merged.newRules },
    });
    if (merged.severityRose && saved.severity === 'emergency') await this.notifier.notify(saved, null, { purpose: 'emergency' });
    return 'updated';
  }

  private async announceRaised(alert: RoutedAlert, summary: PregnancySummary | null, now: Date): Promise<void> {
    await this.journal.record(alert, now, {
      transition: 'raised',
      from: null,
      actor: systemActor('assessments'),
      event: 'alertRaised',
      data: raisedData(alert),
      details: {
        assessmentId: alert.raisedByAssessmentId,
        waitedSince: alert.raisedAt.getTime() === now.getTime() ? null : alert.raisedAt.toISOString(),
      },
    });
    if (alert.severity === 'emergency') await this.notifier.notify(alert, summary, { purpose: 'emergency' });
    alertMetrics.raised.inc({ severity: alert.severity, kind: alert.kind });
  }

  /**
   * A newer snapshot of her (inside the pregnancy consumer's transaction, summary row locked): alerts that waited
   * for it go out to her health center now, with their deadline counted from now; alerts already routed follow
   * her if she moved or was given another midwife.
   */
  async applyRouting(summary: PregnancySummary): Promise<number> {
    const routing = routingOf(summary);
    if (!routing) return 0;
    const now = new Date();
    let announced = 0;
    for (const alert of await this.alerts.lockOfPregnancy(summary.pregnancyId, ['open', 'acknowledged', 'resolved'])) {
      const waiting = !isRouted(alert);
      const moved =
        alert.healthCenterId !== routing.healthCenterId ||
        alert.villageCode !== routing.villageCode ||
        alert.midwifeId !== routing.midwifeId;
      if (!waiting && !moved) continue;
      const deadline = acknowledgeBy(this.policy, alert.severity, now);
      const next: Alert = {
        ...alert,
        ...routing,
        updatedAt: now,
        ...(waiting
          ? {
              routedAt: now,
              acknowledgeBy: alert.status === 'open' ? deadline : null,
              escalateAt: alert.status === 'open' ? deadline : null,
            }
          : {}),
      };
      const saved = await this.alerts.save(next);
      if (waiting && isRouted(saved)) {
        await this.announceRaised(saved, summary, now);
        announced += 1;
      }
    }
    return announced;
  }

  /** The pregnancy ended (delivery, loss, moved away): whatever still waits on her is closed. */
  async closeForPregnancy(pregnancyId: string): Promise<number> {
    const now = new Date();
    const closable = (await this.alerts.lockOfPregnancy(pregnancyId, ['open', 'acknowledged', 'resolved'])).filter((a) =>
      canClose(a, 'pregnancy-closed'),
    );
    for (const alert of closable) await this.close(alert, 'pregnancy-closed', null, now);
    return closable.length;
  }

  /**
   * She arrived at a hospital: every `refer` decision still waiting for her is fulfilled, also one whose
   * referral request found a referral already open (the referral service then links no alert).
   */
  async closeReferredOfPregnancy(pregnancyId: string, referralId: string): Promise<number> {
    return this.tx.run(async () => {
      const now = new Date();
      const waiting = (await this.alerts.lockOfPregnancy(pregnancyId, ['resolved'])).filter((a) => canClose(a, 'referral-completed'));
      for (const alert of waiting) await this.close(alert, 'referral-completed', referralId, now);
      return waiting.length;
    });
  }

  /** The referral a `refer` decision asked for is complete: she arrived at the hospital. */
  closeForReferral(alertId: string, referralId: string): Promise<boolean> {
    return this.tx.run(async () => {
      const alert = await this.alerts.lockById(alertId);
      if (!alert || !canClose(alert, 'referral-completed')) {
        if (alert?.status !== 'closed')
          this.logger.warn({ alertId, referralId, status: alert?.status }, 'referral completed for an alert that is not waiting for it');
        return false;
      }
      await this.close(alert, 'referral-completed', referralId, new Date());
      return true;
    });
  }

  private async close(
    alert: Alert,
    reason: 'referral-completed' | 'pregnancy-closed',
    referralId: string | null,
    now: Date,
  ): Promise<void> {
    const saved = await this.alerts.save({
      ...alert,
      status: 'closed',
      closeReason: reason,
      referralId: referralId ?? alert.referralId,
      closedAt: now,
      escalateAt: null,
      updatedAt: now,
    });
    await this.journal.record(saved, now, {
      transition: 'closed',
      from: alert.status,
      actor: systemActor(reason === 'referral-completed' ? 'referrals' : 'pregnancies'),
      event: 'alertClosed',
      data: closedData(saved),
      details: { reason, referralId },
    });
  }
}
