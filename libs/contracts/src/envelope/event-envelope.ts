/**
 * CloudEvents 1.0 attributes of every Siaga event. On Kafka they travel as headers
 * in binary content mode (ce_id, ce_type, ...) with the JSON data as the message value.
 * `sequence` is a CloudEvents extension: the per-subject (per-pregnancy) position of the event.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  sequence: number;
  data: T;
}

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

export const CE_HEADERS = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  specversion: 'ce_specversion',
  sequence: 'ce_sequence',
  contentType: 'content-type',
} as const;
