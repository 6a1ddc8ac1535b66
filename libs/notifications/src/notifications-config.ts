export interface NotificationsConfig {
  /** HMAC-SHA256 key of the x-siaga-signature header (NOTIFY_WEBHOOK_SECRET); undefined = webhooks cannot be sent. */
  webhookSecret?: string;
  /** Per attempt; a slower answer counts as a failure. */
  webhookTimeoutMs: number;
  /** Attempts before a notification is given up as 'failed'. */
  maxAttempts: number;
  /** First retry delay; doubled per attempt up to retryMaxDelayMs. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Safety-net poll for due retries (new rows also wake the dispatcher through NOTIFY). */
  pollMs: number;
  batchSize: number;
  /** Off in processes that only enqueue (CLIs); another instance then delivers. */
  dispatcherEnabled: boolean;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return n;
};

export function notificationsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return {
    webhookSecret: env.NOTIFY_WEBHOOK_SECRET || undefined,
    webhookTimeoutMs: positive(env.NOTIFY_WEBHOOK_TIMEOUT_MS, 5000, 'NOTIFY_WEBHOOK_TIMEOUT_MS'),
    maxAttempts: Math.floor(positive(env.NOTIFY_MAX_ATTEMPTS, 8, 'NOTIFY_MAX_ATTEMPTS')),
    retryBaseDelayMs: positive(env.NOTIFY_RETRY_BASE_MS, 10_000, 'NOTIFY_RETRY_BASE_MS'),
    retryMaxDelayMs: positive(env.NOTIFY_RETRY_MAX_MS, 30 * 60_000, 'NOTIFY_RETRY_MAX_MS'),
    pollMs: positive(env.NOTIFY_POLL_MS, 1000, 'NOTIFY_POLL_MS'),
    batchSize: Math.floor(positive(env.NOTIFY_BATCH_SIZE, 20, 'NOTIFY_BATCH_SIZE')),
    dispatcherEnabled: env.NOTIFY_DISPATCHER_ENABLED !== 'false',
  };
}

/**
 * Delay before retry number `attempt + 1` after `attempt` failed: exponential (base · 2^(attempt-1)), capped,
 * with "equal jitter" (half fixed, half random) so many failed messages do not all retry in the same instant.
 */
export function retryDelayMs(
  attempt: number,
  config: Pick<NotificationsConfig, 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  random = Math.random,
): number {
  const exponential = Math.min(config.retryMaxDelayMs, config.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
