import { asOfEventTime } from './pregnancy-events.consumer';

describe(asOfEventTime.name, () => {
  const now = new Date('2026-06-01T10:00:00.000Z');

  it('assesses as of the time the fact was recorded', () => {
    expect(asOfEventTime('2026-05-20T08:00:00.000Z', now).toISOString()).toBe('2026-05-20T08:00:00.000Z');
  });

  it('never assesses as of a moment after now (a producer clock running ahead)', () => {
    expect(asOfEventTime('2026-07-01T00:00:00.000Z', now)).toBe(now);
  });

  it('falls back to now for an unreadable time', () => {
    expect(asOfEventTime('yesterday', now)).toBe(now);
  });
});
