import { deadLetterDegradation } from './dead-letter-readiness';

describe(deadLetterDegradation.name, () => {
  it('is nothing while no clinical dead letter is open', () => {
    expect(deadLetterDegradation({ count: 0, oldest: null })).toBeUndefined();
  });

  it('says how many are open, since when, and where to look', () => {
    expect(deadLetterDegradation({ count: 1, oldest: '2026-12-03T16:00:00.000Z' })).toEqual({
      degraded:
        '1 clinical event dead-lettered and not resolved (oldest 2026-12-03T16:00:00.000Z): see GET /dead-letters, then resolve each',
    });
    expect(deadLetterDegradation({ count: 3, oldest: '2026-12-01T00:00:00.000Z' })?.degraded).toMatch(/^3 clinical events /);
  });
});
