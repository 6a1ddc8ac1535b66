import type { EntityManager } from 'typeorm';
import type { DeadLetter } from './dead-letter-log';

/**
 * Who hears of a dead-lettered clinical event outside the logs. Called inside the transaction that records the dead
 * letter, so the notice exists exactly when the record does. @siaga/notifications provides one (a notice to the
 * district on-call); a process without it still has the metric, the error log and readiness.
 */
export interface DeadLetterAlarm {
  raise(manager: EntityManager, deadLetter: DeadLetter): Promise<void>;
}

export const DEAD_LETTER_ALARM = Symbol('DEAD_LETTER_ALARM');
