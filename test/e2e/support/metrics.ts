import { eventually } from '@siaga/testing';

/** Sums a Prometheus counter over the label sets that match, from a service's `GET /metrics`. */
export async function counter(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{([^}]*)\})? ([0-9.eE+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const set = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => set[k] === v)) total += Number(match[3]);
  }
  return total;
}

/**
 * Waits until a service's consumers have handled at least `count` events of a topic (any outcome): the
 * barrier before asserting that something did NOT happen, so "nothing" means "nothing after it looked".
 */
export function consumedAtLeast(baseUrl: string, topic: string, count: number, timeoutMs = 30_000): Promise<number> {
  return eventually(async () => {
    const consumed = await counter(baseUrl, 'siaga_events_consumed_total', { topic });
    if (consumed < count) throw new Error(`${baseUrl} consumed ${consumed} of ${count} events of ${topic}`);
    return consumed;
  }, timeoutMs);
}
