import { randomUUID } from 'node:crypto';
import { EVENTS } from './event-catalog';
import { CausationV1, FindingV1, PregnancyAssessedV1 } from './risk-scoring/assessment.events';
import { InvalidEventError, validateEventData } from './validate-event';

describe(validateEventData.name, () => {
  const closed = { pregnancyId: randomUUID(), outcome: 'delivered', closedAt: '2026-11-01T10:00:00.000Z' };

  it('accepts data that matches the contract', () => {
    expect(validateEventData(EVENTS.pregnancyClosed.type, closed)).toMatchObject(closed);
  });

  it('names the field that breaks the contract', () => {
    expect(() => validateEventData(EVENTS.pregnancyClosed.type, { ...closed, outcome: 'eloped' })).toThrow(/outcome/);
  });

  it('rejects an unknown event type', () => {
    expect(() => validateEventData('id.siaga.nothing.v1', closed)).toThrow(InvalidEventError);
  });
});

describe('validateEventData of an event with nested contracts', () => {
  const assessed = () => ({
    assessmentId: randomUUID(),
    pregnancyId: randomUUID(),
    score: 10,
    category: 'KRT',
    previousCategory: null,
    factors: [{ ruleId: 'KSPR-10', status: 'present', points: 4, facts: { systolic: 170, nested: { kept: true } } }],
    emergencies: [{ ruleId: 'WHO-BP-SEVERE', description: 'BP 170/115', facts: { systolic: 170 } }],
    warnings: [],
    ruleSetVersion: 'kspr-2026.1',
    causedBy: { eventId: randomUUID(), eventType: 'id.siaga.registration.visit-recorded.v1', sequence: 2 },
    assessedAt: '2026-11-01T10:00:00.000Z',
  });

  it('builds the nested contract instances and keeps the card and free-form facts as they came', () => {
    const data = assessed();

    const sut = validateEventData<PregnancyAssessedV1>(EVENTS.pregnancyAssessed.type, data);

    expect(sut).toBeInstanceOf(PregnancyAssessedV1);
    expect(sut.factors).toBe(data.factors);
    expect(sut.emergencies[0]).toBeInstanceOf(FindingV1);
    expect(sut.causedBy).toBeInstanceOf(CausationV1);
    expect(sut.factors[0].facts).toEqual({ systolic: 170, nested: { kept: true } });
  });

  it('names a broken field inside a nested contract', () => {
    const data = assessed();
    data.factors[0].points = 'four' as unknown as number;
    data.causedBy = { ...data.causedBy, eventId: 'not-a-uuid' as ReturnType<typeof randomUUID> };

    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, data)).toThrow(/factors\.0\.points.*causedBy\.eventId/);
  });

  it('rejects a nested contract sent as a string, and data sent as an array', () => {
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, { ...assessed(), causedBy: 'x' })).toThrow(/causedBy/);
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, [assessed()])).toThrow(/not an object/);
  });

  it('rejects a nested contract left out or sent as an array, and a list of them sent as an object or holding an array', () => {
    const { causedBy: _left, ...withoutCause } = assessed();
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, withoutCause)).toThrow(/causedBy must be an object/);
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, { ...assessed(), causedBy: [] })).toThrow(/causedBy must be an object/);
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, { ...assessed(), warnings: {} })).toThrow(/warnings/);
    expect(() => validateEventData(EVENTS.pregnancyAssessed.type, { ...assessed(), warnings: [[]] })).toThrow(/warnings/);
  });

  it('does not let a __proto__ key in the JSON swap the prototype', () => {
    const data = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(assessed()).slice(1)}`) as Record<string, unknown>;

    const sut = validateEventData<PregnancyAssessedV1>(EVENTS.pregnancyAssessed.type, data);

    expect(Object.getPrototypeOf(sut)).toBe(PregnancyAssessedV1.prototype);
    expect((sut as unknown as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('validateEventData of an escort request', () => {
  const requested = (pickup: Record<string, unknown>) => ({
    escortId: randomUUID(),
    urgency: 'emergency',
    pickup: { villageCode: '35.10.20.2001', villageName: 'Sempu', ...pickup },
    destination: { facilityName: 'RSUD Demo Genteng', latitude: -8.37, longitude: 114.15 },
    pickupAt: '2026-11-01T10:00:00.000Z',
    requestedAt: '2026-11-01T10:00:00.000Z',
  });

  it('takes coordinates as numbers', () => {
    expect(() => validateEventData(EVENTS.escortRequested.type, requested({ latitude: -8.32, longitude: 114.1 }))).not.toThrow();
  });

  it('refuses coordinates sent as strings or out of range, naming them', () => {
    expect(() => validateEventData(EVENTS.escortRequested.type, requested({ latitude: '-8.32', longitude: 114.1 }))).toThrow(
      /pickup\.latitude/,
    );
    expect(() => validateEventData(EVENTS.escortRequested.type, requested({ latitude: -8.32, longitude: 181 }))).toThrow(
      /pickup\.longitude/,
    );
  });
});
