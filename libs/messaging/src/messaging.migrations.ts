import { DeadLetterLog1765213000000 } from './inbox/dead-letter.migration';
import { OutboxPayloadJson1765000000000 } from './outbox/outbox-payload-json.migration';
import { OutboxWakeInProcess1765100000000 } from './outbox/outbox-wake-in-process.migration';

/** Changes to the outbox and inbox after MESSAGING_TABLES_UP: every service lists them after its initial schema. */
export const MESSAGING_MIGRATIONS = [OutboxPayloadJson1765000000000, OutboxWakeInProcess1765100000000, DeadLetterLog1765213000000];
