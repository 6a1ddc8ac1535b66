import { randomBytes } from 'node:crypto';

/**
 * Isolates one test file on the shared run infrastructure: its own database schema(s) and its
 * own topic prefix (so consumer groups and topics never see another file's events).
 */
export function isolateTestFile(service: string): { schema: string; topicPrefix: string } {
  const id = randomBytes(4).toString('hex');
  const schema = `${service.replace(/-/g, '_')}_${id}`;
  const topicPrefix = `t${id}.`;
  process.env.DATABASE_SCHEMA = schema;
  process.env.KAFKA_TOPIC_PREFIX = topicPrefix;
  process.env.KAFKA_TOPIC_PARTITIONS ??= '3';
  process.env.OUTBOX_POLL_MS ??= '200';
  return { schema, topicPrefix };
}
