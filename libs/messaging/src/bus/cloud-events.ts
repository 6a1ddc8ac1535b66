import { CE_HEADERS, CLOUDEVENTS_SPEC_VERSION, JSON_CONTENT_TYPE, type EventEnvelope } from '@siaga/contracts';
import type { IncomingMessage } from './message-bus';

/** Binary content mode of the CloudEvents Kafka binding: attributes as ce_* headers, data as the value. */
export function toCloudEventHeaders(envelope: Omit<EventEnvelope, 'data'>): Record<string, string> {
  return {
    [CE_HEADERS.id]: envelope.id,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.type]: envelope.type,
    [CE_HEADERS.subject]: envelope.subject,
    [CE_HEADERS.time]: envelope.time,
    [CE_HEADERS.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [CE_HEADERS.sequence]: String(envelope.sequence),
    [CE_HEADERS.contentType]: JSON_CONTENT_TYPE,
  };
}

export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}

/** Reads an envelope back from a message; throws MalformedEventError when it is not a Siaga CloudEvent. */
export function fromMessage(message: IncomingMessage): EventEnvelope {
  const h = message.headers;
  const required = [CE_HEADERS.id, CE_HEADERS.source, CE_HEADERS.type, CE_HEADERS.subject, CE_HEADERS.time] as const;
  const missing = required.filter((name) => !h[name]);
  if (missing.length > 0) throw new MalformedEventError(`missing headers: ${missing.join(', ')}`);
  if (h[CE_HEADERS.specversion] !== CLOUDEVENTS_SPEC_VERSION) {
    throw new MalformedEventError(`unsupported specversion: ${h[CE_HEADERS.specversion]}`);
  }
  const sequence = Number(h[CE_HEADERS.sequence]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new MalformedEventError('missing or invalid ce_sequence');
  if (!message.value) throw new MalformedEventError('empty value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new MalformedEventError('value is not JSON');
  }
  return {
    id: h[CE_HEADERS.id],
    source: h[CE_HEADERS.source],
    type: h[CE_HEADERS.type],
    subject: h[CE_HEADERS.subject],
    time: h[CE_HEADERS.time],
    sequence,
    data,
  };
}
