import { randomUUID } from 'node:crypto';

export interface StreamResult {
  acknowledged: number;
  emergencies: number;
  retries: number;
}

/**
 * Sends visits as midwives on flaky networks do: each with its Idempotency-Key, retried until the
 * service acknowledges it (201), whatever dies in between. Every fifth visit is an emergency
 * (BP 170/115 with severe headache: WHO-BP-SEVERE, WHO-PE-SEVERE).
 */
export async function streamVisits(options: {
  baseUrl: () => string;
  token: string;
  pregnancyIds: string[];
  total: number;
  concurrency: number;
  onProgress?: (sent: number) => Promise<void> | void;
}): Promise<StreamResult> {
  const result: StreamResult = { acknowledged: 0, emergencies: 0, retries: 0 };
  let next = 0;
  const today = new Date().toISOString().slice(0, 10);
  const send = async (n: number) => {
    const emergency = n % 5 === 4;
    const body = emergency
      ? { visitDate: today, systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] }
      : { visitDate: today, systolic: 110 + (n % 20), diastolic: 70, dangerSigns: [] };
    const pregnancyId = options.pregnancyIds[n % options.pregnancyIds.length];
    const key = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(`${options.baseUrl()}/pregnancies/${pregnancyId}/visits`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 201) break;
        if (response.status < 500) throw new Error(`visit refused: ${response.status} ${await response.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('visit refused')) throw error;
      }
      result.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
    result.acknowledged += 1;
    if (emergency) result.emergencies += 1;
  };
  const worker = async () => {
    while (next < options.total) {
      const n = next++;
      await options.onProgress?.(n);
      await send(n);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
