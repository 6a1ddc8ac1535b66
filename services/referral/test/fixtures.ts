import { randomUUID } from 'node:crypto';
import {
  CE_HEADERS,
  EVENTS,
  TOPICS,
  type EventData,
  type EventName,
  type PregnancyAssessedV1,
  type PregnancySnapshotV1,
  type RiskCategory,
} from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { TransactionContext } from '@siaga/persistence';
import { eventually, startService, tokenFor, type KafkaProbe, type ProbedMessage, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@referral/app.module';
import { EscortFeed } from '@referral/escort/escort-feed';
import { RegistryRepository } from '@referral/registry/registry.repository';
import { DEMO_FACILITIES, DEMO_IDS } from '@referral/seed/demo-regency';
import { seedDemoRegency } from '@referral/seed/demo-seeder';

export const SEMPU = '35.10.20.2001';
export const JAMBEWANGI = '35.10.20.2002';
export const HEALTH_CENTER = DEMO_IDS.healthCenter;
/** The demo regency's hospitals, nearest to Sempu first. */
export const HOSPITAL_1 = DEMO_IDS.hospital; // RSUD Demo Banyuwangi
export const HOSPITAL_2 = DEMO_FACILITIES.find((f) => f.name === 'RS Demo Rogojampi')!.id;
export const HOSPITAL_3 = DEMO_FACILITIES.find((f) => f.name === 'RS Demo Kota')!.id;

/** Boots the referral service on the run's PostgreSQL and Kafka, with the demo regency loaded. */
export async function startReferral(schema: string): Promise<ServiceUnderTest & { db: DataSource }> {
  const sut = await startService(AppModule, schema);
  await sut.app.get(MessagingLifecycle).consumersStarted;
  await sut.app.get(EscortFeed).ready;
  await seedDemoRegency(sut.app.get(RegistryRepository), sut.app.get(TransactionContext));
  return Object.assign(sut, { db: sut.app.get(DataSource) });
}

export const tokens = {
  midwife: (villages = [SEMPU, JAMBEWANGI]) => tokenFor({ role: 'midwife', hc: HEALTH_CENTER, villages }),
  doctor: (hc: string = HEALTH_CENTER) => tokenFor({ role: 'doctor', hc }),
  hospital: (facility: string) => tokenFor({ role: 'hospital', facility }),
  escort: (responder: string) => tokenFor({ role: 'escort', responder }),
  district: () => tokenFor({ role: 'district' }),
  admin: () => tokenFor({ role: 'admin' }),
};

const isoDate = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A second pregnancy in Sempu, due in `dueInDays`. */
export function aSnapshot(overrides: Partial<PregnancySnapshotV1> & { dueInDays?: number } = {}): PregnancySnapshotV1 {
  const { dueInDays = 60, ...rest } = overrides;
  return {
    pregnancyId: randomUUID(),
    motherId: randomUUID(),
    motherName: 'Ibu Contoh',
    motherBirthDate: '1990-04-12',
    villageCode: SEMPU,
    villageName: 'Sempu',
    districtName: 'Sempu',
    healthCenterId: HEALTH_CENTER,
    midwifeId: randomUUID(),
    heightCm: 150,
    hpht: isoDate(dueInDays - 280),
    hpl: isoDate(dueInDays),
    history: {
      gravida: 3,
      para: 2,
      abortus: 0,
      stillbirths: 0,
      livingChildren: 2,
      previousCaesarean: true,
      forcepsOrVacuum: false,
      manualPlacentaRemoval: false,
      infusionOrTransfusion: false,
      lastBirthDate: '2022-01-01',
      marriageDate: '2015-01-01',
    },
    conditions: [],
    ...rest,
  };
}

/** An event exactly as another service's outbox relay puts it on Kafka (CloudEvents binary mode). */
export function cloudEvent<N extends EventName>(name: N, subject: string, sequence: number, data: EventData<N>, source: string) {
  return {
    key: subject,
    value: JSON.stringify(data),
    headers: {
      [CE_HEADERS.id]: randomUUID(),
      [CE_HEADERS.source]: source,
      [CE_HEADERS.type]: EVENTS[name].type,
      [CE_HEADERS.subject]: subject,
      [CE_HEADERS.time]: new Date().toISOString(),
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.sequence]: String(sequence),
      [CE_HEADERS.contentType]: 'application/json',
    },
  };
}

export function assessment(pregnancyId: string, category: RiskCategory, score: number, present: string[]): PregnancyAssessedV1 {
  return {
    assessmentId: randomUUID(),
    pregnancyId,
    score,
    category,
    previousCategory: null,
    factors: ['KSPR-0', ...present].map((ruleId) => ({
      ruleId,
      status: 'present' as const,
      points: ruleId === 'KSPR-0' ? 2 : 4,
      facts: {},
    })),
    emergencies: [],
    warnings: [],
    ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
    causedBy: { eventId: randomUUID(), eventType: EVENTS.pregnancyRegistered.type, sequence: 1 },
    assessedAt: new Date().toISOString(),
  };
}

/** Makes a pregnancy known to the service as registration and risk scoring would, and waits until it is. */
export async function knownPregnancy(
  sut: ServiceUnderTest & { db: DataSource },
  probe: KafkaProbe,
  topicPrefix: string,
  snapshot: PregnancySnapshotV1,
  risk: { category: RiskCategory; score: number; present: string[] } = { category: 'KRST', score: 14, present: ['KSPR-6', 'KSPR-10'] },
): Promise<void> {
  await probe.send(`${topicPrefix}${TOPICS.pregnancy}`, [
    cloudEvent(
      'pregnancyRegistered',
      snapshot.pregnancyId,
      1,
      { pregnancy: snapshot, registeredAt: new Date().toISOString() },
      'siaga/registration',
    ),
  ]);
  await probe.send(`${topicPrefix}${TOPICS.assessment}`, [
    cloudEvent(
      'pregnancyAssessed',
      snapshot.pregnancyId,
      1,
      assessment(snapshot.pregnancyId, risk.category, risk.score, risk.present),
      'siaga/risk-scoring',
    ),
  ]);
  await eventually(async () => {
    const [row] = await sut.db.query<{ village_code: string | null; risk_category: string | null }[]>(
      'SELECT village_code, risk_category FROM pregnancy_fact WHERE pregnancy_id = $1',
      [snapshot.pregnancyId],
    );
    // Plain throw, not expect(): test helpers are compiled with the services (no Jest globals there).
    if (row?.village_code !== snapshot.villageCode || row.risk_category !== risk.category) {
      throw new Error(`pregnancy ${snapshot.pregnancyId} not known yet: ${JSON.stringify(row ?? null)}`);
    }
  });
}

export const dataOf = <T = Record<string, unknown>>(m: ProbedMessage): T => JSON.parse(m.value ?? 'null') as T;
export const typeOf = (m: ProbedMessage): string => m.headers[CE_HEADERS.type];

/** Waits for the referral events of one referral of these types, in order of arrival. */
export const referralEvents = (probe: KafkaProbe, referralId: string, type: string, count = 1) =>
  probe.waitFor((m) => typeOf(m) === type && dataOf<{ referralId?: string }>(m).referralId === referralId, count);

/** An emergency referral body from a midwife, pickup given. */
export const emergencyReferral = (pregnancyId: string, overrides: Record<string, unknown> = {}) => ({
  pregnancyId,
  urgency: 'emergency',
  reason: 'Severe pre-eclampsia: BP 170/115 with severe headache',
  icd10: 'O14.1',
  treatmentGiven: 'MgSO4 4 g IV loading dose; nifedipine 10 mg',
  transportNeeded: true,
  pickup: { address: 'Dusun Krajan RT 01 RW 02', contactPhone: '+62 800-0000-9001', latitude: -8.291, longitude: 114.159 },
  ...overrides,
});
