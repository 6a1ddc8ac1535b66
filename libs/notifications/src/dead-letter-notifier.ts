import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_CONFIG, type DeadLetter, type DeadLetterAlarm, type MessagingConfig } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import type { EntityManager } from 'typeorm';
import type { NewNotification } from './notification.types';
import { RecipientDirectory, type Recipient, type RecipientEndpoint } from './recipient-directory';
import { NotificationQueue } from './notification.queue';

/** The district on-call in every service's recipient directory: whom a missed woman goes up to. */
export const DISTRICT_ON_CALL: Recipient = { kind: 'on-call', id: 'district' };

/**
 * One notice per endpoint of the district on-call. Ids and the error only, no name: the district sees aggregates
 * (domain reference, section 1) and looks her up through her health center. The dedup key is the message's place
 * on the broker, so a redelivered dead letter notifies once.
 */
export function deadLetterNotifications(source: string, letter: DeadLetter, endpoints: RecipientEndpoint[]): NewNotification[] {
  const payload = {
    source,
    deadLetterId: letter.id,
    consumerGroup: letter.consumerGroup,
    topic: letter.topic,
    eventId: letter.eventId,
    eventType: letter.eventType,
    pregnancyId: letter.subject,
    error: `${letter.errorType}: ${letter.errorMessage}`.slice(0, 500),
    deadLetteredAt: letter.deadLetteredAt,
  };
  return endpoints.map((e) => ({
    recipientKind: e.recipientKind,
    recipientId: e.recipientId,
    channel: e.channel,
    address: e.address,
    kind: 'operations.dead-letter',
    payload,
    dedupKey: `dead-letter:${letter.consumerGroup}:${letter.topic}:${letter.partition}:${letter.offset}:${e.recipientKind}:${e.recipientId}:${e.channel}`,
  }));
}

/** The dead-letter alarm of @siaga/messaging: a notice to the district, queued in the dead letter's transaction. */
@Injectable()
export class DeadLetterNotifier implements DeadLetterAlarm {
  private readonly logger: Logger;

  constructor(
    private readonly directory: RecipientDirectory,
    private readonly queue: NotificationQueue,
    @Inject(MESSAGING_CONFIG) private readonly messaging: MessagingConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'dead-letter-notifier' });
  }

  async raise(manager: EntityManager, letter: DeadLetter): Promise<void> {
    const endpoints = await this.directory.lookup(manager, [DISTRICT_ON_CALL]);
    if (endpoints.length === 0) {
      this.logger.error(
        { deadLetterId: letter.id, eventId: letter.eventId },
        'no endpoint for the district on-call: the dead letter notifies nobody',
      );
    }
    await this.queue.enqueue(manager, deadLetterNotifications(this.messaging.source, letter, endpoints));
  }
}
