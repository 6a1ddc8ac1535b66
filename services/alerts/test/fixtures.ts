import { randomUUID } from 'node:crypto';
import {
  CE_HEADERS,
  EVENTS,
  TOPICS,
  type EventData,
  type EventName,
  type FindingV1,
  type PregnancyAssessedV1,
  type PregnancySnapshotV1,
} from '@siaga/contracts';
import { aPregnancySnapshot, isoDaysAgo, SEMPU_VILLAGE, type KafkaProbe, type ProbedMessage } from '@siaga/testing';

export { SEMPU_VILLAGE };
export const OTHER_VILLAGE = '35.10.20.2002';

/** A second pregnancy at 20 weeks in Sempu, as registration's snapshot carries her. */
export function aSnapshot(overrides: Partial<PregnancySnapshotV1> = {}): PregnancySnapshotV1 {
  return aPregnancySnapshot({ hpht: isoDaysAgo(140), motherName: 'Ibu Siti Aminah', ...overrides });
}

export const finding = (ruleId: string, facts: Record<string, unknown> = {}): FindingV1 => ({
  ruleId,
  description: `${ruleId} fired`,
  facts,
});

/** WHO-BP-SEVERE and WHO-PE-SEVERE: BP 170/115 with a severe headache. */
export const SEVERE_PE = [
  finding('WHO-BP-SEVERE', { systolic: 170, diastolic: 115 }),
  finding('WHO-PE-SEVERE', { signs: ['severe-headache'] }),
];

/** An assessment as risk scoring publishes it; KRR 2 without findings unless told otherwise. */
export function anAssessment(pregnancyId: string, overrides: Partial<PregnancyAssessedV1> = {}): PregnancyAssessedV1 {
  return {
    assessmentId: randomUUID(),
    pregnancyId,
    score: 2,
    category: 'KRR',
    previousCategory: 'KRR',
    factors: [{ ruleId: 'KSPR-0', status: 'present', points: 2, facts: {} }],
    emergencies: [],
    warnings: [],
    ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
    causedBy: { eventId: randomUUID(), eventType: EVENTS.visitRecorded.type, sequence: 2 },
    assessedAt: new Date().toISOString(),
    ...overrides,
  };
}

export interface ProducedEvent {
  id: string;
  topic: string;
  message: { key: string; value: string; headers: Record<string, string> };
}

/** An event exactly as a service's outbox relay puts it on Kafka (CloudEvents binary mode). */
export function cloudEvent<N extends EventName>(
  name: N,
  subject: string,
  sequence: number,
  data: EventData<N>,
  id: string = randomUUID(),
): ProducedEvent {
  const definition = EVENTS[name];
  return {
    id,
    topic: TOPICS[definition.topic],
    message: {
      key: subject,
      value: JSON.stringify(data),
      headers: {
        [CE_HEADERS.id]: id,
        [CE_HEADERS.source]: `siaga/test-${definition.topic}`,
        [CE_HEADERS.type]: definition.type,
        [CE_HEADERS.subject]: subject,
        [CE_HEADERS.time]: new Date().toISOString(),
        [CE_HEADERS.specversion]: '1.0',
        [CE_HEADERS.sequence]: String(sequence),
        [CE_HEADERS.contentType]: 'application/json',
      },
    },
  };
}

export const registered = (snapshot: PregnancySnapshotV1, sequence = 1) =>
  cloudEvent('pregnancyRegistered', snapshot.pregnancyId, sequence, { pregnancy: snapshot, registeredAt: new Date().toISOString() });

export const updated = (snapshot: PregnancySnapshotV1, sequence: number) =>
  cloudEvent('pregnancyUpdated', snapshot.pregnancyId, sequence, { pregnancy: snapshot });

export const assessed = (assessment: PregnancyAssessedV1, sequence: number, id?: string) =>
  cloudEvent('pregnancyAssessed', assessment.pregnancyId, sequence, assessment, id);

/** Produces onto the run's prefixed topics, in the order given (one partition per pregnancy). */
export async function produce(probe: KafkaProbe, topicPrefix: string, ...events: ProducedEvent[]): Promise<void> {
  for (const event of events) await probe.send(`${topicPrefix}${event.topic}`, [event.message]);
}

export const typeOf = (m: ProbedMessage): string => m.headers[CE_HEADERS.type];
export const dataOf = <T>(m: ProbedMessage): T => JSON.parse(m.value ?? 'null') as T;

/** The alert events of one pregnancy seen on the broker so far, in order. */
export const alertEventsOf = (probe: KafkaProbe, pregnancyId: string): { type: string; data: Record<string, unknown> }[] =>
  probe.messages.filter((m) => m.key === pregnancyId).map((m) => ({ type: typeOf(m), data: dataOf<Record<string, unknown>>(m) }));
