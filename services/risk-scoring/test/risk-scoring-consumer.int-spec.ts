import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS, deadLetterTopic } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '@risk-scoring/app.module';
import { PregnancyFactsService } from '@risk-scoring/projection/pregnancy-facts.service';
import {
  OTHER_VILLAGE,
  SEMPU_VILLAGE,
  aSnapshot,
  aVisit,
  assessmentCausedBy,
  assessmentsOnTopic,
  closed,
  healthCenterId,
  produce,
  registered,
  ruleIds,
  updated,
  visitRecorded,
} from './fixtures';

describe('risk scoring consumer (real PostgreSQL and Kafka)', () => {
  const { schema, topicPrefix } = isolateTestFile('risk-scoring');
  const assessmentTopic = `${topicPrefix}${TOPICS.assessment}`;
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let deadLetters: KafkaProbe;
  let db: DataSource;
  let midwife: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    // Topics exist and the consumer group has joined before anything is produced.
    await sut.app.get(MessagingLifecycle).consumersStarted;
    db = sut.app.get(DataSource);
    probe = new KafkaProbe();
    await probe.watch([assessmentTopic]);
    deadLetters = new KafkaProbe();
    await deadLetters.watch([deadLetterTopic(`${topicPrefix}${TOPICS.pregnancy}`)]);
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  });

  afterAll(async () => {
    await Promise.all([probe.close(), deadLetters.close()]);
    await sut.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const [row] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return row.n;
  };

  it('turns a registration event into the right assessment event, published through the outbox', async () => {
    // 41 years old (KSPR-6, 4) with a previous caesarean (KSPR-10, 8): 2 + 4 + 8 = 14, KRST.
    const snapshot = aSnapshot({ motherBirthDate: '1985-01-20', history: { previousCaesarean: true } });
    const event = registered(snapshot);
    await produce(probe, topicPrefix, event);

    const { message, data } = await assessmentCausedBy(probe, event);
    expect(message.topic).toBe(assessmentTopic);
    expect(message.headers).toMatchObject({
      [CE_HEADERS.type]: EVENTS.pregnancyAssessed.type,
      [CE_HEADERS.subject]: snapshot.pregnancyId,
      [CE_HEADERS.source]: 'siaga/risk-scoring',
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.sequence]: '1',
      [CE_HEADERS.contentType]: 'application/json',
    });
    expect(data).toMatchObject({
      pregnancyId: snapshot.pregnancyId,
      score: 14,
      category: 'KRST',
      previousCategory: null,
      emergencies: [],
      ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
      causedBy: { eventId: event.id, eventType: EVENTS.pregnancyRegistered.type, sequence: 1 },
    });
    const present = data.factors.filter((f) => f.status === 'present');
    expect(present.map((f) => [f.ruleId, f.points])).toEqual([
      ['KSPR-0', 2],
      ['KSPR-6', 4],
      ['KSPR-10', 8],
    ]);
    // Never seen at a visit yet: unknown, not absent.
    expect(data.factors.find((f) => f.ruleId === 'KSPR-19')?.status).toBe('unknown');

    const current = await sut.request('GET', `/pregnancies/${snapshot.pregnancyId}/assessment`, { token: midwife });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ assessmentId: data.assessmentId, score: 14, category: 'KRST', pregnancyStatus: 'open' });
    expect(current.body.derived).toMatchObject({ ageYears: 41, firstPregnancy: false });
  });

  it('finds WHO emergencies in a visit with BP 170/115 and a severe headache', async () => {
    const snapshot = aSnapshot();
    const registration = registered(snapshot);
    const visit = visitRecorded(snapshot.pregnancyId, aVisit({ systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] }), 2);
    await produce(probe, topicPrefix, registration, visit);

    expect((await assessmentCausedBy(probe, registration)).data).toMatchObject({ score: 2, category: 'KRR' });
    const { message, data } = await assessmentCausedBy(probe, visit);
    expect(message.headers[CE_HEADERS.sequence]).toBe('2');
    expect(ruleIds(data.emergencies)).toEqual(expect.arrayContaining(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']));
    // Severe pre-eclampsia also scores on the card (KSPR-20, 8): 2 + 8 = 10, KRT.
    expect(data.factors.find((f) => f.ruleId === 'KSPR-20')).toMatchObject({ status: 'present', points: 8 });
    expect(data).toMatchObject({ score: 10, category: 'KRT', previousCategory: 'KRR' });
    expect(data.causedBy).toEqual({ eventId: visit.id, eventType: EVENTS.visitRecorded.type, sequence: 2 });
  });

  it('assesses an event delivered twice only once', async () => {
    const snapshot = aSnapshot();
    const registration = registered(snapshot);
    const visit = visitRecorded(snapshot.pregnancyId, aVisit({ hemoglobin: 9.8 }), 2);
    // A later event of the same pregnancy: once its assessment is out, both copies before it were handled (one partition, in order).
    const marker = visitRecorded(snapshot.pregnancyId, aVisit(), 3);
    await produce(probe, topicPrefix, registration, visit, visit, marker);

    await assessmentCausedBy(probe, marker);
    expect(assessmentsOnTopic(probe, snapshot.pregnancyId).map((a) => a.causedBy.sequence)).toEqual([1, 2, 3]);
    expect(await count('assessment WHERE caused_by_event_id = $1', [visit.id])).toBe(1);
    expect(await count('visit_facts WHERE pregnancy_id = $1', [snapshot.pregnancyId])).toBe(2);
    // The anaemic Hb of the duplicated visit was scored once, in its own assessment (WHO-HB at 10 weeks: < 11.0).
    const second = assessmentsOnTopic(probe, snapshot.pregnancyId)[1];
    expect(ruleIds(second.warnings)).toContain('WHO-HB');
  });

  it('never lets an older event overwrite newer facts', async () => {
    const original = aSnapshot({ heightCm: 160 });
    const shorter = { ...original, heightCm: 140 }; // KSPR-7 (≤ 145 cm): +4
    const registration = registered(original, 1);
    const newer = updated(shorter, 3);
    const older = updated(original, 2); // arrives after 3: must be skipped
    const marker = visitRecorded(original.pregnancyId, aVisit(), 4);
    await produce(probe, topicPrefix, registration, newer, older, marker);

    const { data } = await assessmentCausedBy(probe, marker);
    expect(data.factors.find((f) => f.ruleId === 'KSPR-7')).toMatchObject({ status: 'present', facts: { heightCm: 140 } });
    expect(data.score).toBe(6);
    expect(assessmentsOnTopic(probe, original.pregnancyId).map((a) => a.causedBy.eventId)).toEqual([registration.id, newer.id, marker.id]);
    const [facts] = await db.query<{ height: number; snapshot_sequence: number; last_sequence: number }[]>(
      `SELECT (snapshot->>'heightCm')::int AS height, snapshot_sequence, last_sequence FROM pregnancy_facts WHERE pregnancy_id = $1`,
      [original.pregnancyId],
    );
    expect(facts).toEqual({ height: 140, snapshot_sequence: 3, last_sequence: 4 });
    const anomalies = await db.query<{ kind: string; received_sequence: number }[]>(
      `SELECT kind, received_sequence FROM sequence_anomaly WHERE subject = $1 ORDER BY id`,
      [original.pregnancyId],
    );
    expect(anomalies).toEqual([
      { kind: 'gap', received_sequence: 3 },
      { kind: 'out-of-order', received_sequence: 2 },
    ]);
  });

  it('records a closure and stops re-scoring the pregnancy', async () => {
    const snapshot = aSnapshot();
    const registration = registered(snapshot);
    await produce(probe, topicPrefix, registration);
    await assessmentCausedBy(probe, registration);
    const lateVisit = aVisit({ systolic: 170, diastolic: 115 });
    await produce(probe, topicPrefix, closed(snapshot.pregnancyId, 2), visitRecorded(snapshot.pregnancyId, lateVisit, 3));

    // The visit is kept as a fact once it is applied; nothing is assessed or queued for publishing.
    await eventually(async () => expect(await count('visit_facts WHERE visit_id = $1', [lateVisit.visitId])).toBe(1));
    const [facts] = await db.query<{ status: string; outcome: string; last_sequence: number }[]>(
      `SELECT status, outcome, last_sequence FROM pregnancy_facts WHERE pregnancy_id = $1`,
      [snapshot.pregnancyId],
    );
    expect(facts).toEqual({ status: 'closed', outcome: 'miscarriage', last_sequence: 3 });
    expect(await count('assessment WHERE pregnancy_id = $1', [snapshot.pregnancyId])).toBe(1);
    expect(await count('outbox WHERE subject = $1', [snapshot.pregnancyId])).toBe(1);

    const current = await sut.request('GET', `/pregnancies/${snapshot.pregnancyId}/assessment`, { token: midwife });
    expect(current.body).toMatchObject({ pregnancyStatus: 'closed', causedBy: { eventId: registration.id } });
  });

  it('keeps its own guards when an event gets past the inbox (rebuilt inbox, replayed topic)', async () => {
    const snapshot = aSnapshot({ heightCm: 140 });
    const registration = registered(snapshot);
    await produce(probe, topicPrefix, registration);
    await assessmentCausedBy(probe, registration);
    const facts = sut.app.get(PregnancyFactsService);
    const asOf = new Date();
    const again = { eventId: registration.id, eventType: EVENTS.pregnancyRegistered.type, sequence: 1 };

    // The same snapshot event again: already known, nothing is stored or assessed.
    expect(await facts.apply(snapshot.pregnancyId, { kind: 'snapshot', sequence: 1, snapshot }, again, asOf)).toBe('unchanged');
    // A new fact claiming an already-assessed cause: stored, but no second assessment (unique caused_by_event_id).
    const visit = aVisit();
    expect(await facts.apply(snapshot.pregnancyId, { kind: 'visit', sequence: 2, visit }, again, asOf)).toBe('already-assessed');
    expect(await count('visit_facts WHERE visit_id = $1', [visit.visitId])).toBe(1);
    expect(await count('assessment WHERE caused_by_event_id = $1', [registration.id])).toBe(1);
    expect(await count('outbox WHERE subject = $1', [snapshot.pregnancyId])).toBe(1);
  });

  it('dead-letters a fact the contract refuses, at once, and goes on with the next one', async () => {
    const snapshot = aSnapshot();
    const registration = registered(snapshot);
    // Valid ISO 8601 (an ordinal date) but no calendar date: the contract refuses it before the engine sees it.
    const unreadable = visitRecorded(snapshot.pregnancyId, aVisit({ visitDate: '2026-005' }), 2);
    const next = visitRecorded(snapshot.pregnancyId, aVisit(), 3);
    await produce(probe, topicPrefix, registration, unreadable, next);

    const [dead] = await deadLetters.waitFor((m) => m.headers[CE_HEADERS.id] === unreadable.id);
    expect(dead.headers).toMatchObject({ dlt_error_type: 'InvalidEventError', dlt_attempts: '0' });
    expect(dead.headers.dlt_error_message).toContain('visit.visitDate');
    const { data } = await assessmentCausedBy(probe, next);
    expect(data.causedBy.sequence).toBe(3);
    expect(await count('visit_facts WHERE pregnancy_id = $1', [snapshot.pregnancyId])).toBe(1);
    expect(assessmentsOnTopic(probe, snapshot.pregnancyId)).toHaveLength(2);
  });

  describe('assessment API', () => {
    let pregnancyId: string;

    beforeAll(async () => {
      const snapshot = aSnapshot();
      pregnancyId = snapshot.pregnancyId;
      const events = [registered(snapshot), visitRecorded(pregnancyId, aVisit(), 2), visitRecorded(pregnancyId, aVisit({ lilaCm: 22 }), 3)];
      await produce(probe, topicPrefix, ...events);
      await assessmentCausedBy(probe, events[2]);
    });

    it('pages through the history, newest first', async () => {
      const first = await sut.request('GET', `/pregnancies/${pregnancyId}/assessments?limit=2`, { token: midwife });
      expect(first.status).toBe(200);
      expect(first.body.items.map((a: { causedBy: { sequence: number } }) => a.causedBy.sequence)).toEqual([3, 2]);
      expect(first.body.items[0].warnings.map((w: { ruleId: string }) => w.ruleId)).toContain('KEMENKES-LILA');
      const second = await sut.request('GET', `/pregnancies/${pregnancyId}/assessments?limit=2&cursor=${first.body.nextCursor}`, {
        token: midwife,
      });
      expect(second.body.items.map((a: { causedBy: { sequence: number } }) => a.causedBy.sequence)).toEqual([1]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('names the bad query parameter', async () => {
      const badLimit = await sut.request('GET', `/pregnancies/${pregnancyId}/assessments?limit=0`, { token: midwife });
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.errors[0].field).toBe('limit');
      const badCursor = await sut.request('GET', `/pregnancies/${pregnancyId}/assessments?cursor=nonsense`, { token: midwife });
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.errors[0].field).toBe('cursor');
    });

    it('is 404 for a pregnancy risk scoring has never heard of', async () => {
      const response = await sut.request('GET', `/pregnancies/${randomUUID()}/assessment`, { token: midwife });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('pregnancy-not-found');
    });

    it('is 401 without a token and 403 outside the caller’s scope, every decision audited', async () => {
      const path = `/pregnancies/${pregnancyId}/assessment`;
      expect((await sut.request('GET', path)).status).toBe(401);
      const denied = {
        otherMidwife: await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [OTHER_VILLAGE] }),
        otherDoctor: await tokenFor({ role: 'doctor', hc: randomUUID() }),
        escort: await tokenFor({ role: 'escort', responder: randomUUID(), villages: [SEMPU_VILLAGE] }),
        district: await tokenFor({ role: 'district' }),
      };
      for (const token of Object.values(denied)) expect((await sut.request('GET', path, { token })).status).toBe(403);
      const doctor = await tokenFor({ role: 'doctor', hc: healthCenterId });
      expect((await sut.request('GET', path, { token: doctor })).status).toBe(200);
      expect((await sut.request('GET', `${path}s`, { token: doctor })).status).toBe(200);

      const audit = await db.query<{ entry: string }[]>(
        `SELECT role || ':' || outcome || ':' || action AS entry FROM access_audit WHERE pregnancy_id = $1`,
        [pregnancyId],
      );
      expect(audit.map((a) => a.entry)).toEqual(
        expect.arrayContaining([
          'midwife:allowed:assessment.history.read',
          'midwife:denied:assessment.read',
          'doctor:denied:assessment.read',
          'escort:denied:GET /pregnancies/:pregnancyId/assessment',
          'district:denied:GET /pregnancies/:pregnancyId/assessment',
          'doctor:allowed:assessment.read',
          'doctor:allowed:assessment.history.read',
        ]),
      );
    });
  });
});
