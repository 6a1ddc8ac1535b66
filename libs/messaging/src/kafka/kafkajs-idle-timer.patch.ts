import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** The part of kafkajs's per-connection request queue this patch touches (kafkajs has no types for it). */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10; // kafkajs's own

/**
 * kafkajs 2.2.4, its last release, re-arms a 1 ms timer for ever on every broker connection, even with
 * nothing queued: checkPendingRequests always reschedules itself with a negative delay
 * (tulios/kafkajs#1556, #1704; the fix, #1667, was never released). An idle service woke ~1,500 times a
 * second and spent ~5 % of a core doing nothing. This schedules a check only when a request waits or the
 * broker asked us to throttle; queued requests are still checked every 10 ms and on every response, as before.
 */
export function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && untilUnthrottled <= 0) return;
  const delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/**
 * Applied when the Kafka adapter is created. kafkajs is pinned to 2.2.4, and a unit test fails on any other
 * version, so an upgrade has to decide whether the patch is still needed.
 */
export function patchKafkajsIdleTimer(): void {
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}
