import type { DeadLetter } from '@siaga/messaging';
import { deadLetterNotifications } from './dead-letter-notifier';
import type { RecipientEndpoint } from './recipient-directory';

const letter: DeadLetter = {
  id: '0b7d3c1e-8a7a-4c2e-9a51-3e0f3c5a7b10',
  consumerGroup: 'risk-scoring.pregnancy-facts',
  topic: 'siaga.registration.pregnancy.v1',
  partition: 2,
  offset: '41',
  eventId: '5b0e7f0c-3a55-4a7a-8f0e-2d1f6c9b4e21',
  eventType: 'id.siaga.registration.visit-recorded.v1',
  subject: '8d1c1f3e-1b8e-4c7e-9a51-3e0f3c5a7b10',
  clinical: true,
  errorType: 'InvalidEventError',
  errorMessage: 'invalid id.siaga.registration.visit-recorded.v1: visit.visitDate: visitDate must be a calendar date (YYYY-MM-DD)',
  attempts: 0,
  deadLetteredAt: '2026-12-03T16:00:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
  resolution: null,
};

const endpoint = (channel: RecipientEndpoint['channel'], address: string): RecipientEndpoint => ({
  recipientKind: 'on-call',
  recipientId: 'district',
  channel,
  address,
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'admin',
});

describe(deadLetterNotifications.name, () => {
  it('tells every endpoint of the district on-call which event of which pregnancy was dead-lettered, and why', () => {
    const sut = deadLetterNotifications('siaga/risk-scoring', letter, [
      endpoint('webhook', 'https://district.example/hook'),
      endpoint('sms', '+6281200000009'),
    ]);
    expect(sut).toHaveLength(2);
    expect(sut[0]).toMatchObject({
      recipientKind: 'on-call',
      recipientId: 'district',
      channel: 'webhook',
      address: 'https://district.example/hook',
      kind: 'operations.dead-letter',
      payload: {
        source: 'siaga/risk-scoring',
        deadLetterId: letter.id,
        eventId: letter.eventId,
        eventType: letter.eventType,
        pregnancyId: letter.subject,
        error: expect.stringMatching(/^InvalidEventError: .*visitDate/),
      },
    });
  });

  it('keys each notice on the message and the endpoint, so a redelivery notifies once per endpoint', () => {
    const keys = deadLetterNotifications('siaga/risk-scoring', letter, [
      endpoint('webhook', 'https://district.example/hook'),
      endpoint('sms', '+6281200000009'),
    ]).map((n) => n.dedupKey);
    expect(keys).toEqual([
      'dead-letter:risk-scoring.pregnancy-facts:siaga.registration.pregnancy.v1:2:41:on-call:district:webhook',
      'dead-letter:risk-scoring.pregnancy-facts:siaga.registration.pregnancy.v1:2:41:on-call:district:sms',
    ]);
  });

  it('queues nothing when the district has no endpoint (the notifier logs it)', () => {
    expect(deadLetterNotifications('siaga/risk-scoring', letter, [])).toEqual([]);
  });
});
