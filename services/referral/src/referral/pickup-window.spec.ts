import { PICKUP_PAST_GRACE_MINUTES, pickupAtRefusal } from './pickup-window';

describe(pickupAtRefusal.name, () => {
  const now = new Date('2026-06-01T02:00:00Z');
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('takes a pickup from a moment ago to the furthest day ahead', () => {
    expect(pickupAtRefusal(minutes(-PICKUP_PAST_GRACE_MINUTES), now, 280)).toBeNull();
    expect(pickupAtRefusal(now, now, 280)).toBeNull();
    expect(pickupAtRefusal(minutes(280 * 24 * 60), now, 280)).toBeNull();
  });

  it('refuses one further in the past than the grace, or further ahead than allowed', () => {
    expect(pickupAtRefusal(minutes(-PICKUP_PAST_GRACE_MINUTES - 1), now, 280)).toBe('is more than 60 minutes in the past');
    expect(pickupAtRefusal(new Date('1970-01-01T00:00:00Z'), now, 280)).toMatch(/in the past/);
    expect(pickupAtRefusal(minutes(280 * 24 * 60 + 1), now, 280)).toBe('is more than 280 days ahead');
    expect(pickupAtRefusal(new Date('9999-12-31T00:00:00Z'), now, 280)).toMatch(/days ahead/);
  });
});
