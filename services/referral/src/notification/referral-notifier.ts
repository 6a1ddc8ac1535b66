import { Inject, Injectable } from '@nestjs/common';
import { NotificationQueue, RecipientDirectory, type Recipient } from '@siaga/notifications';
import { LOGGER, type Logger } from '@siaga/observability';
import { TransactionContext } from '@siaga/persistence';

/** The district health office's on-call desk in the recipient directory. */
export const DISTRICT_ON_CALL: Recipient = { kind: 'on-call', id: 'district' };

/**
 * Puts notifications in the queue in the caller's transaction (notification port of @siaga/notifications):
 * they go out only if the change that caused them commits, and never hold it up. Recipients are reached
 * on every channel the recipient directory knows for them; one without an endpoint still sees the change
 * in the API and, for escorts, on the live feed.
 */
@Injectable()
export class ReferralNotifier {
  private readonly logger: Logger;

  constructor(
    private readonly queue: NotificationQueue,
    private readonly directory: RecipientDirectory,
    private readonly tx: TransactionContext,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'referral-notifier' });
  }

  /** `dedupKey` names the cause (e.g. `escort-offered:<escort>:<wave>`): a retried transaction notifies once. */
  async notify(recipients: readonly Recipient[], kind: string, payload: Record<string, unknown>, dedupKey: string): Promise<void> {
    if (recipients.length === 0) return;
    const endpoints = await this.directory.lookup(this.tx.manager, [...recipients]);
    const unreachable = recipients.length - new Set(endpoints.map((e) => `${e.recipientKind}:${e.recipientId}`)).size;
    if (unreachable > 0) this.logger.debug({ kind, unreachable }, 'recipients without a notification endpoint');
    await this.queue.enqueue(
      this.tx.manager,
      endpoints.map((e) => ({
        recipientKind: e.recipientKind,
        recipientId: e.recipientId,
        channel: e.channel,
        address: e.address,
        kind,
        payload,
        dedupKey: `${dedupKey}:${e.recipientKind}:${e.recipientId}:${e.channel}`,
      })),
    );
  }
}
