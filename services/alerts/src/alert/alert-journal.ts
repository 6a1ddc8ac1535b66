import { Injectable } from '@nestjs/common';
import type { AlertStatus, EventData, EventName } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { TransactionContext } from '@siaga/persistence';
import { AlertRepository } from './alert.repository';
import type { Alert, TransitionActor, TransitionName } from './alert.types';

export interface JournalEntry<N extends EventName> {
  transition: TransitionName;
  from: AlertStatus | null;
  actor: TransitionActor;
  event: N;
  data: EventData<N>;
  details?: Record<string, unknown>;
}

/**
 * Every transition is kept twice, in the same transaction as the change: in alert_transition (who, when, the
 * audit trail) and as an event in the outbox (subject = pregnancy id), the transition row naming the event id.
 */
@Injectable()
export class AlertJournal {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly alerts: AlertRepository,
    private readonly tx: TransactionContext,
  ) {}

  async record<N extends EventName>(alert: Alert, at: Date, entry: JournalEntry<N>): Promise<void> {
    const [appended] = await this.outbox.append(this.tx.manager, [{ name: entry.event, subject: alert.pregnancyId, data: entry.data }]);
    await this.alerts.recordTransition(alert, entry.transition, entry.from, alert.status, entry.actor, appended.id, at, entry.details);
  }
}

export const systemActor = (component: string): TransitionActor => ({ id: `system:${component}`, role: 'system', name: null });
