import { CONDITIONS, DANGER_SIGNS, EVENTS, FETAL_MOVEMENT, URINE_PROTEIN } from '@siaga/contracts';
import { eventually } from '@siaga/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { call } from './support/client';
import { personToken } from './support/identity';
import { SEMPU } from './support/people';
import { startSystem, type RunningSystem } from './support/system';

const DAY_MS = 86_400_000;
const ISO_DAY = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const todayMs = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());

/**
 * One day written the way a client might: mostly as the calendar date the contracts take, sometimes in another ISO 8601
 * form (ordinal, week date, date-time). The edge must refuse those with a 400, never store them for a consumer to choke
 * on: before issue 13 a visit dated 2026-100 was a 201 and no assessment ever came.
 */
function writtenAs(dayMs: number): fc.Arbitrary<string> {
  const date = ISO_DAY(dayMs);
  const year = new Date(dayMs).getUTCFullYear();
  const ordinal = `${year}-${String(Math.round((dayMs - Date.UTC(year, 0, 1)) / DAY_MS) + 1).padStart(3, '0')}`;
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(date) },
    { weight: 1, arbitrary: fc.constant(ordinal) },
    { weight: 1, arbitrary: fc.constant(`${date}T08:00:00+07:00`) },
    { weight: 1, arbitrary: fc.constant(date.replaceAll('-', '')) },
  );
}

let serial = 0;
/** A NIK from Sempu that matches her birth date (day + 40 for a woman) with a serial no other run uses. */
function nikFor(birthDayMs: number): string {
  const [y, m, d] = ISO_DAY(birthDayMs).split('-');
  serial += 1;
  return `351020${Number(d) + 40}${m}${y.slice(2)}${String(((Date.now() + serial) % 9998) + 1).padStart(4, '0')}`;
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A registration a midwife could send today, and a visit between its HPHT and today. */
const aCase = fc
  .record({
    hphtDaysAgo: fc.integer({ min: 0, max: 300 }),
    ageYears: fc.integer({ min: 15, max: 48 }),
    extraDays: fc.integer({ min: 0, max: 364 }),
    gravida: fc.integer({ min: 1, max: 6 }),
    births: fc.nat(),
    losses: fc.nat(),
    lastBirthYearsAgo: optional(fc.integer({ min: 1, max: 12 })),
    marriageYearsAgo: optional(fc.integer({ min: 0, max: 15 })),
    heightCm: optional(fc.integer({ min: 135, max: 180 })),
    conditions: fc.subarray([...CONDITIONS], { maxLength: 2 }),
    previousCaesarean: fc.boolean(),
    visitDayOffset: fc.nat(),
  })
  .chain((c) => {
    const hphtMs = todayMs - c.hphtDaysAgo * DAY_MS;
    const birthMs = Date.UTC(new Date(hphtMs).getUTCFullYear() - c.ageYears, 0, 1) + c.extraDays * DAY_MS;
    const para = c.gravida === 1 ? 0 : c.births % c.gravida;
    const abortus = c.gravida - 1 - para === 0 ? 0 : c.losses % (c.gravida - para);
    const lastBirthMs = para > 0 && c.lastBirthYearsAgo !== undefined ? hphtMs - c.lastBirthYearsAgo * 365 * DAY_MS : undefined;
    const marriageMs =
      c.marriageYearsAgo !== undefined ? Math.max(hphtMs - c.marriageYearsAgo * 365 * DAY_MS, birthMs + 16 * 365 * DAY_MS) : undefined;
    const visitMs = hphtMs + (c.visitDayOffset % (c.hphtDaysAgo + 1)) * DAY_MS;
    return fc.record({
      registration: fc.record({
        birthDate: writtenAs(birthMs),
        hpht: writtenAs(hphtMs),
        lastBirthDate: lastBirthMs === undefined ? fc.constant(undefined) : writtenAs(lastBirthMs),
        marriageDate: marriageMs === undefined ? fc.constant(undefined) : writtenAs(Math.min(marriageMs, hphtMs)),
      }),
      visit: fc.record(
        {
          visitDate: writtenAs(visitMs),
          systolic: fc.integer({ min: 85, max: 200 }),
          pressureGap: fc.integer({ min: 15, max: 80 }),
          temperatureC: fc.double({ min: 35, max: 41, noNaN: true }).map((t) => Math.round(t * 10) / 10),
          pulse: fc.integer({ min: 50, max: 150 }),
          hemoglobin: fc.double({ min: 6, max: 15, noNaN: true }).map((h) => Math.round(h * 10) / 10),
          urineProtein: fc.constantFrom(...URINE_PROTEIN),
          fetalMovement: fc.constantFrom(...FETAL_MOVEMENT),
          oedema: fc.boolean(),
          dangerSigns: fc.subarray([...DANGER_SIGNS], { maxLength: 3 }),
        },
        { requiredKeys: ['visitDate', 'systolic', 'pressureGap', 'dangerSigns'] },
      ),
      facts: fc.constant({ ...c, birthMs, para, abortus }),
    });
  });

/**
 * Issue 13: whatever registration's HTTP edge accepts, risk scoring's consumer accepts. Each generated registration
 * and visit that registration answers with a 201 must come back as an assessment caused by it, through the real path
 * (registration's outbox, Kafka, risk scoring's inbox, contract check, engine); anything refused is a 400, never a 5xx;
 * and nothing is dead-lettered.
 */
describe('e2e: what registration accepts, risk scoring assesses (property-based)', () => {
  let system: RunningSystem;
  let midwife: string;
  let district: string;

  beforeAll(async () => {
    system = await startSystem({}, ['registration', 'risk-scoring']);
    const healthCenterId = randomUUID();
    midwife = await personToken({ role: 'midwife', hc: healthCenterId, villages: [SEMPU.code] });
    district = await personToken({ role: 'district' });
  }, 120_000);

  afterAll(() => system?.stop());

  it('assesses every registration and visit the edge accepted (30 cases, fixed seed)', async () => {
    const registration = system.url('registration');
    const riskScoring = system.url('risk-scoring');
    const accepted = { registrations: 0, visits: 0 };

    const assessedBy = async (pregnancyId: string, sequence: number, eventType: string) => {
      await eventually(async () => {
        const current = await call(riskScoring, 'GET', `/pregnancies/${pregnancyId}/assessment`, midwife);
        expect(current.body?.causedBy).toMatchObject({ sequence, eventType });
      }, 20_000);
    };

    await fc.assert(
      fc.asyncProperty(aCase, async ({ registration: dates, visit, facts }) => {
        const { pressureGap, systolic, ...measured } = visit;
        const body = {
          mother: {
            nik: nikFor(facts.birthMs),
            name: 'Ibu Properti',
            birthDate: dates.birthDate,
            phone: '+6281200000077',
            address: {
              street: 'Dusun Krajan',
              villageCode: SEMPU.code,
              villageName: SEMPU.name,
              districtName: SEMPU.district,
              regencyName: 'Kabupaten Banyuwangi',
            },
          },
          history: {
            gravida: facts.gravida,
            para: facts.para,
            abortus: facts.abortus,
            livingChildren: facts.para,
            previousCaesarean: facts.para > 0 && facts.previousCaesarean,
            forcepsOrVacuum: false,
            manualPlacentaRemoval: false,
            infusionOrTransfusion: false,
            ...(dates.lastBirthDate === undefined ? {} : { lastBirthDate: dates.lastBirthDate }),
            ...(dates.marriageDate === undefined ? {} : { marriageDate: dates.marriageDate }),
          },
          ...(facts.heightCm === undefined ? {} : { heightCm: facts.heightCm }),
          hpht: dates.hpht,
          conditions: facts.conditions,
        };
        const registered = await call(registration, 'POST', '/pregnancies', midwife, body);
        expect([201, 400]).toContain(registered.status);
        if (registered.status !== 201) return;
        accepted.registrations += 1;
        const pregnancyId: string = registered.body.id;
        await assessedBy(pregnancyId, 1, EVENTS.pregnancyRegistered.type);

        const visitBody = { ...measured, systolic, diastolic: Math.max(40, systolic - pressureGap) };
        const recorded = await call(registration, 'POST', `/pregnancies/${pregnancyId}/visits`, midwife, visitBody);
        expect([201, 400]).toContain(recorded.status);
        if (recorded.status !== 201) return;
        accepted.visits += 1;
        await assessedBy(pregnancyId, 2, EVENTS.visitRecorded.type);
      }),
      // A failing case waits out its timeout: report the first one found rather than shrink for minutes.
      { numRuns: 30, seed: 1313, endOnFailure: true },
    );

    expect((await call(riskScoring, 'GET', '/dead-letters', district)).body).toEqual([]);
    // Not vacuous: most generated cases are written the way the contracts take them.
    expect(accepted.registrations).toBeGreaterThanOrEqual(15);
    expect(accepted.visits).toBeGreaterThanOrEqual(10);
  }, 600_000);
});
