import { notificationsConfigFromEnv, retryDelayMs } from './notifications-config';

describe(retryDelayMs.name, () => {
  const config = { retryBaseDelayMs: 10_000, retryMaxDelayMs: 60_000 };

  it('doubles per failed attempt, between half and all of the exponential delay', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, config, () => 1))).toEqual([10_000, 20_000, 40_000]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, config, () => 0))).toEqual([5_000, 10_000, 20_000]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(12, config, () => 1)).toBe(60_000);
  });
});

describe(notificationsConfigFromEnv.name, () => {
  it('has defaults: 5 s webhook timeout, 8 attempts, dispatcher on', () => {
    expect(notificationsConfigFromEnv({})).toMatchObject({
      webhookTimeoutMs: 5000,
      maxAttempts: 8,
      dispatcherEnabled: true,
      webhookSecret: undefined,
    });
  });

  it('reads the environment and refuses nonsense', () => {
    expect(
      notificationsConfigFromEnv({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_WEBHOOK_SECRET: 's', NOTIFY_DISPATCHER_ENABLED: 'false' }),
    ).toMatchObject({
      maxAttempts: 3,
      webhookSecret: 's',
      dispatcherEnabled: false,
    });
    expect(() => notificationsConfigFromEnv({ NOTIFY_RETRY_BASE_MS: '-1' })).toThrow(/NOTIFY_RETRY_BASE_MS/);
  });
});
