import { eventually } from '@siaga/testing';
import { call } from './support/client';
import { emergencyVisit, healthCenterStaff, lowRiskWoman, SEMPU } from './support/people';
import { setUpRegency, VILLAGES, type Regency } from './support/regency';
import { startSystem, type RunningSystem } from './support/system';
import { Timeline } from './support/timeline';

const PONEK_HOSPITAL = 'RSUD Genteng (e2e)';
const MATERNITY_CLINIC = 'RS Bersalin Sempu (e2e)';
const POLICE = 'Bripka Sutrisno (e2e)';
const VOLUNTEER = 'Relawan Siti (e2e)';
const OTHER_VILLAGE_VOLUNTEER = 'Relawan Jambewangi (e2e)';

const REASON = 'Severe pre-eclampsia: BP 170/115 with severe headache';
const ESCORT_VIEW_KEYS = ['cancelReason', 'contactPhone', 'destination', 'escortId', 'pickup', 'status', 'times', 'urgency'];

/** Polls fast: the step times below are what this test sees, so it should not add much to them. */
const soon = <T>(assertion: () => Promise<T>, timeoutMs = 30_000) => eventually(assertion, timeoutMs, 50);

/**
 * Scenario 2, the emergency path across all four services: a visit with BP 170/115 and a severe headache →
 * emergency assessment → emergency alert at her health center → a doctor acknowledges and resolves `refer` →
 * the referral goes to a capable (PONEK) hospital → it accepts → the escort is offered to the police and
 * volunteers of her village → one accepts, the other's offer is withdrawn → en-route → picked-up → arrived →
 * referral complete, alert closed, and her record at registration shows where she went.
 */
describe('e2e: emergency path', () => {
  let system: RunningSystem;
  let staff: Awaited<ReturnType<typeof healthCenterStaff>>;
  let regency: Regency;

  beforeAll(async () => {
    system = await startSystem();
    staff = await healthCenterStaff();
    regency = await setUpRegency(system.url('referral'), {
      healthCenterId: staff.healthCenterId,
      hospitals: [
        // Nearer, but no PONEK: an emergency must not go there.
        { name: MATERNITY_CLINIC, capabilities: ['obstetrician', 'caesarean'], at: [-8.3, 114.17] },
        { name: PONEK_HOSPITAL, capabilities: ['obstetrician', 'ponek', 'caesarean', 'blood-bank', 'nicu'], at: [-8.365, 114.155] },
      ],
      responders: [
        { name: POLICE, kind: 'police-officer', villageCodes: [SEMPU.code] },
        { name: VOLUNTEER, kind: 'volunteer', villageCodes: [SEMPU.code, '35.10.20.2003'] },
        // Same district, another village: not in the first (village) wave.
        { name: OTHER_VILLAGE_VOLUNTEER, kind: 'volunteer', villageCodes: [VILLAGES.jambewangi.code] },
      ],
    });
  }, 120_000);

  afterAll(() => system?.stop());

  it('brings her from the emergency visit to the hospital, and every service agrees on where she went', async () => {
    const registration = system.url('registration');
    const riskScoring = system.url('risk-scoring');
    const alerts = system.url('alerts');
    const referral = system.url('referral');
    const woman = lowRiskWoman(30 * 7);
    const registered = await call(registration, 'POST', '/pregnancies', staff.midwife, woman);
    expect(registered.status).toBe(201);
    const pregnancyId: string = registered.body.id;
    // Her registration is scored first, so the emergency below is the latest assessment.
    await soon(async () => {
      expect((await call(riskScoring, 'GET', `/pregnancies/${pregnancyId}/assessment`, staff.doctor)).status).toBe(200);
    });

    const timeline = new Timeline();
    const visit = await call(registration, 'POST', `/pregnancies/${pregnancyId}/visits`, staff.midwife, emergencyVisit());
    expect(visit.status).toBe(201);
    timeline.mark('visit recorded (201)');

    // → emergency assessment
    const assessment = await soon(async () => {
      const response = await call(riskScoring, 'GET', `/pregnancies/${pregnancyId}/assessment`, staff.doctor);
      expect(response.body.causedBy?.eventType).toBe('id.siaga.registration.visit-recorded.v1');
      return response.body;
    });
    timeline.mark('emergency assessment');
    expect(assessment.emergencies.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']),
    );

    // → emergency alert at her health center
    const raised = await soon(async () => {
      const response = await call(alerts, 'GET', '/alerts?severity=emergency', staff.doctor);
      expect(response.status).toBe(200);
      const mine = response.body.items.filter((a: { pregnancy: { id: string } }) => a.pregnancy.id === pregnancyId);
      expect(mine).toHaveLength(1);
      return mine[0];
    });
    timeline.mark('emergency alert at the health center');
    expect(raised).toMatchObject({
      kind: 'danger-sign',
      severity: 'emergency',
      status: 'open',
      acknowledged: null,
      pregnancy: { motherName: woman.mother.name, villageCode: SEMPU.code, healthCenterId: staff.healthCenterId },
    });
    expect(raised.ruleIds).toEqual(expect.arrayContaining(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']));
    const alertId: string = raised.id;

    // → a doctor acknowledges and resolves `refer`
    const acknowledged = await call(alerts, 'POST', `/alerts/${alertId}/acknowledge`, staff.doctor);
    expect(acknowledged.status).toBe(200);
    timeline.mark('doctor acknowledged');
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledged: { name: 'dr. Ayu Lestari' } });
    const resolved = await call(alerts, 'POST', `/alerts/${alertId}/resolve`, staff.doctor, {
      decision: 'refer',
      referral: {
        urgency: 'emergency',
        reason: REASON,
        icd10: 'O14.1',
        treatmentGiven: 'MgSO4 4 g IV loading dose; nifedipine 10 mg oral',
      },
    });
    expect(resolved.status).toBe(200);
    timeline.mark('doctor resolved: refer');
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { decision: 'refer', referral: { urgency: 'emergency' } } });

    // → the referral is offered to the capable hospital (PONEK), not to the nearer maternity clinic
    const ponek = regency.hospital(PONEK_HOSPITAL);
    const offered = await soon(async () => {
      const response = await call(referral, 'GET', '/referrals', ponek.staff);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(1);
      expect(response.body[0]).toMatchObject({ alertId, status: 'offered', offerToMe: { outcome: 'pending' } });
      return response.body[0];
    });
    timeline.mark('referral offered to the hospital');
    const referralId: string = offered.id;
    expect(offered).toMatchObject({ pregnancyId, origin: 'alert', urgency: 'emergency', reason: REASON, icd10: 'O14.1' });
    expect((await call(referral, 'GET', '/referrals', regency.hospital(MATERNITY_CLINIC).staff)).body).toEqual([]);

    // → the hospital accepts
    const accepted = await call(referral, 'POST', `/referrals/${referralId}/accept`, ponek.staff);
    expect(accepted.status).toBe(200);
    timeline.mark('hospital accepted');
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      currentHospital: { id: ponek.id, name: PONEK_HOSPITAL },
      patient: { name: woman.mother.name },
      steps: null, // hospital staff see no routing trail
    });
    expect(accepted.body.requiredCapabilities).toEqual(expect.arrayContaining(['obstetrician', 'ponek']));

    // → the escort is offered to the police and the volunteer of her village, and to nobody else yet
    const police = regency.responder(POLICE);
    const volunteer = regency.responder(VOLUNTEER);
    const offers = await soon(async () => {
      const seen = [];
      for (const responder of [police, volunteer]) {
        const response = await call(referral, 'GET', '/escorts/offers', responder.token);
        expect(response.status).toBe(200);
        expect(response.body).toHaveLength(1);
        seen.push(response.body[0]);
      }
      return seen;
    });
    timeline.mark('escort offered to the police and volunteer of the village');
    const escortId: string = offers[0].escortId;
    for (const offer of offers) {
      expect(offer).toMatchObject({
        escortId,
        status: 'offered',
        urgency: 'emergency',
        pickup: { villageCode: SEMPU.code, villageName: SEMPU.name },
        destination: { facilityName: PONEK_HOSPITAL },
      });
      // What an escort sees: where, whom to call, where to, how urgent, when. Nothing clinical.
      expect(Object.keys(offer).sort()).toEqual(ESCORT_VIEW_KEYS);
      const text = JSON.stringify(offer);
      for (const clinical of [woman.mother.name, woman.mother.nik, 'O14.1', 'pre-eclampsia', 'MgSO4', 'WHO-', 'KSPR']) {
        expect(text).not.toContain(clinical);
      }
    }
    expect((await call(referral, 'GET', '/escorts/offers', regency.responder(OTHER_VILLAGE_VOLUNTEER).token)).body).toEqual([]);

    // → the volunteer accepts; the police officer's offer is withdrawn
    const taken = await call(referral, 'POST', `/escorts/${escortId}/accept`, volunteer.token);
    expect(taken.status).toBe(200);
    timeline.mark('volunteer accepted the escort');
    expect(taken.body).toMatchObject({ escortId, status: 'accepted' });
    expect((await call(referral, 'GET', '/escorts/offers', police.token)).body).toEqual([]);
    const late = await call(referral, 'POST', `/escorts/${escortId}/accept`, police.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('escort-already-taken');
    expect((await call(referral, 'GET', `/escorts/${escortId}`, police.token)).status).toBe(404);

    // → en-route → picked-up → arrived
    for (const [status, at] of [
      ['en-route', VILLAGES.sempu.at],
      ['picked-up', VILLAGES.sempu.at],
      ['arrived', [-8.365, 114.155]],
    ] as const) {
      const report = await call(referral, 'POST', `/escorts/${escortId}/status`, volunteer.token, {
        status,
        latitude: at[0],
        longitude: at[1],
      });
      expect(report.status).toBe(200);
      expect(report.body.status).toBe(status);
      timeline.mark(`escort reported ${status}`);
    }

    // → the referral is complete
    const completed = await soon(async () => {
      const response = await call(referral, 'GET', `/referrals/${referralId}`, staff.doctor);
      expect(response.body.status).toBe('completed');
      return response.body;
    });
    timeline.mark('referral completed');
    expect(completed.arrivedAt).not.toBeNull();
    expect(completed.offers).toEqual([expect.objectContaining({ attempt: 1, hospitalName: PONEK_HOSPITAL, outcome: 'accepted' })]);
    expect(completed.escorts).toEqual([
      expect.objectContaining({
        escortId,
        status: 'arrived',
        responder: expect.objectContaining({ id: volunteer.id, name: VOLUNTEER, kind: 'volunteer' }),
        reports: [
          expect.objectContaining({ status: 'en-route' }),
          expect.objectContaining({ status: 'picked-up' }),
          expect.objectContaining({ status: 'arrived' }),
        ],
      }),
    ]);
    expect(completed.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'created',
      'offered',
      'accepted',
      'escort-requested',
      'escort-offered',
      'escort-accepted',
      'escort-en-route',
      'escort-picked-up',
      'escort-arrived',
      'completed',
    ]);
    expect(completed.steps.find((s: { kind: string }) => s.kind === 'escort-offered').detail).toMatchObject({
      wave: 'village',
      responders: 2,
    });

    // → the alert is closed by the completed referral
    const closed = await soon(async () => {
      const response = await call(alerts, 'GET', `/alerts/${alertId}`, staff.doctor);
      expect(response.body.status).toBe('closed');
      return response.body;
    });
    timeline.mark('alert closed');
    expect(closed.closure).toMatchObject({ reason: 'referral-completed', referralId });
    expect(closed.transitions.map((t: { transition: string }) => t.transition)).toEqual(
      expect.arrayContaining(['raised', 'acknowledged', 'resolved', 'closed']),
    );

    // → her record at registration shows where she went
    const record = await soon(async () => {
      const response = await call(registration, 'GET', `/pregnancies/${pregnancyId}`, staff.midwife);
      expect(response.status).toBe(200);
      expect(response.body.referral).toMatchObject({ referralId, hospitalId: ponek.id, hospitalName: PONEK_HOSPITAL });
      return response.body;
    });
    timeline.mark('registration shows the hospital');
    expect(record.referral.arrivedAt).toBe(completed.arrivedAt);

    timeline.print(`e2e emergency path (system ${system.id}), ms since the visit was recorded:`);
  }, 120_000);
});
