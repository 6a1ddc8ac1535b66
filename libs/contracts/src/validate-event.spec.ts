import { randomUUID } from 'node:crypto';
import { EVENTS } from './event-catalog';
import { InvalidEventError, validateEventData } from './validate-event';

describe(validateEventData.name, () => {
  const closed = { pregnancyId: randomUUID(), outcome: 'delivered', closedAt: '2026-11-01T10:00:00.000Z' };

  it('accepts data that matches the contract', () => {
    expect(validateEventData(EVENTS.pregnancyClosed.type, closed)).toMatchObject(closed);
  });

  it('names the field that breaks the contract', () => {
    expect(() => validateEventData(EVENTS.pregnancyClosed.type, { ...closed, outcome: 'eloped' })).toThrow(/outcome/);
  });

  it('rejects an unknown event type', () => {
    expect(() => validateEventData('id.siaga.nothing.v1', closed)).toThrow(InvalidEventError);
  });
});
