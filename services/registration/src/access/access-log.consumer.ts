import { Injectable } from '@nestjs/common';
import { EVENTS, TOPICS, type AccessRecordedV1 } from '@siaga/contracts';
import { MessagingLifecycle, assertSubject, type HandledEvent } from '@siaga/messaging';
import { AccessLogRepository } from './access-log.repository';

/** Kafka adapter: every other service's access records about a pregnancy join her access log here. */
@Injectable()
export class AccessLogConsumer {
  constructor(
    messaging: MessagingLifecycle,
    private readonly log: AccessLogRepository,
  ) {
    messaging.register({
      groupId: 'registration.access-log',
      topics: [TOPICS.riskScoringAccess, TOPICS.alertsAccess, TOPICS.referralAccess],
      types: [EVENTS.riskScoringAccessRecorded.type, EVENTS.alertsAccessRecorded.type, EVENTS.referralAccessRecorded.type],
      handleBatch: (events: readonly HandledEvent<AccessRecordedV1>[]) => this.onRecorded(events),
    });
  }

  async onRecorded(events: readonly HandledEvent<AccessRecordedV1>[]): Promise<void> {
    for (const event of events) assertSubject(event, event.data.pregnancyId);
    await this.log.append(events.map((event) => ({ ...event.data, eventId: event.id })));
  }
}
