import { Inject, Injectable } from '@nestjs/common';
import { NotificationQueue, RecipientDirectory, type NewNotification, type Recipient, type RecipientEndpoint } from '@siaga/notifications';
import { LOGGER, type Logger } from '@siaga/observability';
import { TransactionContext } from '@siaga/persistence';
import type { PregnancySummary, RoutedAlert } from '@alerts/alert/alert.types';

/** The district on-call doctor in the recipient directory (recipient kind 'on-call'). */
export const DISTRICT_ON_CALL = 'district';

export type AlertNotice = { purpose: 'emergency' } | { purpose: 'escalation'; level: number };

/**
 * Who hears of an alert outside the app: an emergency reaches the woman's midwife and her health center's
 * on-call doctor; an escalation reaches the district on-call (whom it goes up to), and again the health
 * center's on-call doctor and the midwife.
 */
export function recipientsOf(alert: RoutedAlert, notice: AlertNotice): Recipient[] {
  const midwife: Recipient = { kind: 'midwife', id: alert.midwifeId };
  const healthCenterOnCall: Recipient = { kind: 'on-call', id: alert.healthCenterId };
  return notice.purpose === 'emergency'
    ? [midwife, healthCenterOnCall]
    : [{ kind: 'on-call', id: DISTRICT_ON_CALL }, healthCenterOnCall, midwife];
}

/** One notification per endpoint; the dedup key makes a redelivered event or a retried transaction notify once. */
export function notificationsFor(
  alert: RoutedAlert,
  summary: PregnancySummary | null,
  notice: AlertNotice,
  endpoints: RecipientEndpoint[],
): NewNotification[] {
  const purpose = notice.purpose === 'emergency' ? 'emergency' : `escalation-${notice.level}`;
  const payload: Record<string, unknown> = {
    alertId: alert.id,
    pregnancyId: alert.pregnancyId,
    kind: alert.kind,
    severity: alert.severity,
    ruleIds: alert.findings.map((f) => f.ruleId),
    motherName: summary?.motherName ?? null,
    villageName: summary?.villageName ?? null,
    healthCenterId: alert.healthCenterId,
    raisedAt: alert.raisedAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy?.toISOString() ?? null,
    ...(notice.purpose === 'escalation' ? { escalationLevel: notice.level } : {}),
  };
  return endpoints.map((e) => ({
    recipientKind: e.recipientKind,
    recipientId: e.recipientId,
    channel: e.channel,
    address: e.address,
    kind: notice.purpose === 'emergency' ? 'alert.emergency' : 'alert.escalated',
    // The district sees aggregates, not names (domain reference, section 1); it acts through the health center.
    payload: e.recipientKind === 'on-call' && e.recipientId === DISTRICT_ON_CALL ? { ...payload, motherName: null } : payload,
    dedupKey: `alert:${alert.id}:${purpose}:${e.recipientKind}:${e.recipientId}:${e.channel}`,
  }));
}

/** Enqueues an alert's notifications in the current transaction (delivery happens after commit, elsewhere). */
@Injectable()
export class AlertNotifier {
  private readonly logger: Logger;

  constructor(
    private readonly directory: RecipientDirectory,
    private readonly queue: NotificationQueue,
    private readonly tx: TransactionContext,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alert-notifier' });
  }

  async notify(alert: RoutedAlert, summary: PregnancySummary | null, notice: AlertNotice): Promise<void> {
    const recipients = recipientsOf(alert, notice);
    const endpoints = await this.directory.lookup(this.tx.manager, recipients);
    const unreachable = recipients.filter((r) => !endpoints.some((e) => e.recipientKind === r.kind && e.recipientId === r.id));
    if (unreachable.length > 0) {
      this.logger.warn({ alertId: alert.id, purpose: notice.purpose, unreachable }, 'no notification endpoint for some recipients');
    }
    await this.queue.enqueue(this.tx.manager, notificationsFor(alert, summary, notice, endpoints));
  }
}
