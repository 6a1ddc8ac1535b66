import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import { escalatedData } from '@alerts/alert/alert-event-data';
import { AlertJournal, systemActor } from '@alerts/alert/alert-journal';
import { AlertRepository } from '@alerts/alert/alert.repository';
import { isRouted } from '@alerts/alert/alert.types';
import { alertMetrics } from '@alerts/alert/alerts.metrics';
import { AlertNotifier } from '@alerts/notify/alert-notifier';
import { PregnancySummaryRepository } from '@alerts/pregnancy/pregnancy-summary.repository';
import { ESCALATION_POLICY, nextEscalationAt, type EscalationPolicy } from './escalation-policy';

/**
 * Escalates open alerts nobody acknowledged in time. The timer is `alert.escalate_at`, in the database: it
 * survives restarts, and instances share it through row locks (SKIP LOCKED), so each escalation happens once.
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly summaries: PregnancySummaryRepository,
    private readonly journal: AlertJournal,
    private readonly notifier: AlertNotifier,
    private readonly tx: TransactionContext,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
  ) {}

  /** One batch of due alerts, escalated in one transaction; returns how many. */
  escalateDue(): Promise<number> {
    return this.tx.run(async () => {
      const due = await this.alerts.lockDueForEscalation(this.policy.batchSize);
      for (const alert of due) {
        if (!isRouted(alert) || alert.escalateAt === null) continue; // timers only run for routed, open alerts
        const now = new Date();
        const saved = await this.alerts.save({
          ...alert,
          escalationLevel: alert.escalationLevel + 1,
          lastEscalatedAt: now,
          // Counted from now, not from the missed due time: after a long outage she escalates once, not in a burst.
          escalateAt: nextEscalationAt(this.policy, alert.severity, now),
          updatedAt: now,
        });
        if (!isRouted(saved)) continue;
        await this.journal.record(saved, now, {
          transition: 'escalated',
          from: alert.status,
          actor: systemActor('escalation'),
          event: 'alertEscalated',
          data: escalatedData(saved, alert.escalateAt),
          details: { level: saved.escalationLevel, escalatedTo: 'district-on-call', deadlineMissed: alert.escalateAt.toISOString() },
        });
        // Read without a lock: the summary is only the payload here (the consumers lock summary before alert).
        await this.notifier.notify(saved, await this.summaries.find(saved.pregnancyId), {
          purpose: 'escalation',
          level: saved.escalationLevel,
        });
        alertMetrics.escalated.inc({ severity: saved.severity });
      }
      return due.length;
    });
  }
}
