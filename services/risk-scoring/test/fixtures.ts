import { randomUUID } from 'node:crypto';
import {
  CE_HEADERS,
  EVENTS,
  TOPICS,
  type AncVisitV1,
  type EventData,
  type EventName,
  type ObstetricHistoryV1,
  type PregnancyAssessedV1,
  type PregnancySnapshotV1,
} from '@siaga/contracts';
import { aPregnancySnapshot, anObstetricHistory, isoDaysAgo, SEMPU_VILLAGE, type KafkaProbe, type ProbedMessage } from '@siaga/testing';

export { SEMPU_VILLAGE };
export const OTHER_VILLAGE = '35.10.20.2002';
export const healthCenterId = randomUUID();

export const today = (): string => isoDaysAgo(0);

/** A healthy second pregnancy at 10 weeks: KSPR 2 (KRR), no findings, until a test says otherwise. */
export function aSnapshot(
  overrides: Partial<Omit<PregnancySnapshotV1, 'history'>> & { history?: Partial<ObstetricHistoryV1> } = {},
): PregnancySnapshotV1 {
  const { history, ...rest } = overrides;
  return aPregnancySnapshot({
    hpht: isoDaysAgo(70),
    healthCenterId,
    heightCm: 155,
    ...rest,
    history: anObstetricHistory({ stillbirths: 0, lastBirthDate: isoDaysAgo(4 * 365), marriageDate: '2018-01-01', ...history }),
  });
}

/** A normal visit today, every measurement taken. */
export function aVisit(overrides: Partial<AncVisitV1> = {}): AncVisitV1 {
  return {
    visitId: randomUUID(),
    visitDate: today(),
    systolic: 110,
    diastolic: 70,
    temperatureC: 36.8,
    pulse: 82,
    spo2: 98,
    lilaCm: 26,
    hemoglobin: 12.1,
    urineProtein: 'negative',
    fetusCount: 1,
    fetalMovement: 'normal',
    oedema: false,
    polyhydramnios: false,
    intrauterineFetalDeath: false,
    dangerSigns: [],
    ...overrides,
  };
}

export interface ProducedEvent {
  id: string;
  subject: string;
  sequence: number;
  message: { key: string; value: string; headers: Record<string, string> };
}

/** One of registration's events exactly as its outbox relay puts it on Kafka (CloudEvents binary mode). */
export function registrationEvent<N extends EventName>(
  name: N,
  subject: string,
  sequence: number,
  data: EventData<N>,
  id: string = randomUUID(),
): ProducedEvent {
  return {
    id,
    subject,
    sequence,
    message: {
      key: subject,
      value: JSON.stringify(data),
      headers: {
        [CE_HEADERS.id]: id,
        [CE_HEADERS.source]: 'siaga/registration',
        [CE_HEADERS.type]: EVENTS[name].type,
        [CE_HEADERS.subject]: subject,
        [CE_HEADERS.time]: new Date().toISOString(),
        [CE_HEADERS.specversion]: '1.0',
        [CE_HEADERS.sequence]: String(sequence),
        [CE_HEADERS.contentType]: 'application/json',
      },
    },
  };
}

export const registered = (snapshot: PregnancySnapshotV1, sequence = 1, id?: string) =>
  registrationEvent(
    'pregnancyRegistered',
    snapshot.pregnancyId,
    sequence,
    { pregnancy: snapshot, registeredAt: new Date().toISOString() },
    id,
  );

export const updated = (snapshot: PregnancySnapshotV1, sequence: number) =>
  registrationEvent('pregnancyUpdated', snapshot.pregnancyId, sequence, { pregnancy: snapshot });

export const visitRecorded = (pregnancyId: string, visit: AncVisitV1, sequence: number, id?: string) =>
  registrationEvent('visitRecorded', pregnancyId, sequence, { pregnancyId, visit }, id);

export const closed = (pregnancyId: string, sequence: number) =>
  registrationEvent('pregnancyClosed', pregnancyId, sequence, { pregnancyId, outcome: 'miscarriage', closedAt: new Date().toISOString() });

/** Produces events onto the run's prefixed pregnancy topic, in the order given (one partition per pregnancy). */
export async function produce(probe: KafkaProbe, topicPrefix: string, ...events: ProducedEvent[]): Promise<void> {
  for (const event of events) await probe.send(`${topicPrefix}${TOPICS.pregnancy}`, [event.message]);
}

export const assessmentOf = (message: ProbedMessage): PregnancyAssessedV1 => JSON.parse(message.value ?? 'null') as PregnancyAssessedV1;

/** The assessment event caused by one registration event, once it is on the assessment topic. */
export async function assessmentCausedBy(
  probe: KafkaProbe,
  event: ProducedEvent,
): Promise<{ message: ProbedMessage; data: PregnancyAssessedV1 }> {
  const [message] = await probe.waitFor((m) => m.key === event.subject && assessmentOf(m).causedBy.eventId === event.id);
  return { message, data: assessmentOf(message) };
}

export const assessmentsOnTopic = (probe: KafkaProbe, pregnancyId: string): PregnancyAssessedV1[] =>
  probe.messages.filter((m) => m.key === pregnancyId).map(assessmentOf);

export const ruleIds = (findings: { ruleId: string }[]): string[] => findings.map((f) => f.ruleId);
