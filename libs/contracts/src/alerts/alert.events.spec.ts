import { randomUUID } from 'node:crypto';
import { EVENTS } from '../event-catalog';
import { validateEventData } from '../validate-event';

describe('AlertResolvedV1 (the referral service’s order)', () => {
  const resolved = (overrides: Record<string, unknown> = {}) => ({
    alertId: randomUUID(),
    pregnancyId: randomUUID(),
    healthCenterId: randomUUID(),
    villageCode: '35.10.20.2001',
    midwifeId: randomUUID(),
    kind: 'danger-sign',
    severity: 'emergency',
    decision: 'refer',
    visitDate: null,
    referral: { urgency: 'emergency', reason: 'BP 170/115 with severe headache', icd10: 'O14.1', treatmentGiven: 'MgSO4 4 g IV' },
    note: null,
    findings: [{ ruleId: 'WHO-BP-SEVERE', description: 'systolic ≥ 160', facts: { systolic: 170 } }],
    score: 10,
    category: 'KRT',
    decidedBy: 'dr-ayu',
    decidedByName: 'dr. Ayu',
    decidedAt: '2026-06-01T22:05:00.000Z',
    ...overrides,
  });
  const type = EVENTS.alertResolved.type;

  it('accepts a refer decision with its referral request', () => {
    expect(validateEventData(type, resolved())).toMatchObject({ decision: 'refer', referral: { urgency: 'emergency', icd10: 'O14.1' } });
  });

  it('requires the referral for refer, a date for schedule-visit and a note for false-alarm', () => {
    expect(() => validateEventData(type, resolved({ referral: null }))).toThrow(/referral/);
    expect(() => validateEventData(type, resolved({ decision: 'schedule-visit', referral: null }))).toThrow(/visitDate/);
    expect(() => validateEventData(type, resolved({ decision: 'false-alarm', referral: null }))).toThrow(/note/);
    expect(validateEventData(type, resolved({ decision: 'monitor', referral: null }))).toMatchObject({ decision: 'monitor' });
  });

  it('holds the referral to the referral contract’s vocabulary', () => {
    expect(() => validateEventData(type, resolved({ referral: { urgency: 'now', reason: 'x' } }))).toThrow(/urgency/);
    expect(() => validateEventData(type, resolved({ referral: { urgency: 'planned', reason: 'x', icd10: 'pre-eclampsia' } }))).toThrow(
      /icd10/,
    );
  });

  it('names the alert topic for every alert event, and its own topic for the access records', () => {
    const alertEvents = Object.values(EVENTS).filter((e) => e.type.startsWith('id.siaga.alerts.alert-'));
    expect(alertEvents.map((e) => e.topic)).toEqual(alertEvents.map(() => 'alert'));
    expect(alertEvents).toHaveLength(7);
    expect(EVENTS.alertsAccessRecorded.topic).toBe('alertsAccess');
  });
});
