import type { ReadinessCheck, ReadinessDegraded } from '@siaga/observability';
import type { DataSource } from 'typeorm';
import { DeadLetterLog, type OpenClinicalDeadLetters } from './dead-letter-log';

/** Degraded while a clinical event lies dead-lettered and unresolved: someone has to see that woman. */
export function deadLetterDegradation(open: OpenClinicalDeadLetters): ReadinessDegraded | undefined {
  if (open.count === 0) return undefined;
  const events = open.count === 1 ? '1 clinical event' : `${open.count} clinical events`;
  return {
    degraded: `${events} dead-lettered and not resolved (oldest ${open.oldest}): see GET /dead-letters, then resolve each`,
  };
}

export const deadLetterReadiness = (dataSource: DataSource, log = new DeadLetterLog()): ReadinessCheck => ({
  name: 'dead-letters',
  check: async () => deadLetterDegradation(await log.openClinical(dataSource)),
});
