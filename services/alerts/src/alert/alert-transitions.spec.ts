import { canClose, decideAcknowledge, decideRelease, decideResolve, resolutionViolations, type AlertState } from './alert-transitions';

const DR_A = 'doctor-a';
const DR_B = 'doctor-b';
const open: AlertState = { status: 'open', acknowledgedBy: null, acknowledgedByName: null, acknowledgedAt: null, decision: null };
const heldBy = (userId: string): AlertState => ({
  status: 'acknowledged',
  acknowledgedBy: userId,
  acknowledgedByName: 'dr. Ayu',
  acknowledgedAt: new Date('2026-06-01T01:00:00.000Z'),
  decision: null,
});
const resolved: AlertState = { ...heldBy(DR_A), status: 'resolved', decision: 'refer' };
const closed: AlertState = { ...resolved, status: 'closed' };

describe(decideAcknowledge.name, () => {
  it('lets a doctor claim an open alert', () => {
    expect(decideAcknowledge(open, DR_A)).toBe('acknowledge');
  });

  it('treats acknowledging one’s own alert again as done (a double tap)', () => {
    expect(decideAcknowledge(heldBy(DR_A), DR_A)).toBe('already-yours');
  });

  it('refuses a second doctor, naming who has it and since when', () => {
    expect(decideAcknowledge(heldBy(DR_A), DR_B)).toEqual({
      refused: 'held-by-other',
      holder: { userId: DR_A, name: 'dr. Ayu', since: '2026-06-01T01:00:00.000Z' },
    });
  });

  it.each([resolved, closed])('refuses a decided alert ($status)', (alert) => {
    expect(decideAcknowledge(alert, DR_B)).toEqual({ refused: 'already-decided', status: alert.status, decision: 'refer' });
  });
});

describe(decideResolve.name, () => {
  it('resolves the caller’s own acknowledged alert', () => {
    expect(decideResolve(heldBy(DR_A), DR_A)).toBe('resolve');
  });

  it('acknowledges and resolves an open alert in one step', () => {
    expect(decideResolve(open, DR_A)).toBe('acknowledge-and-resolve');
  });

  it('refuses an alert another doctor holds', () => {
    expect(decideResolve(heldBy(DR_A), DR_B)).toMatchObject({ refused: 'held-by-other', holder: { userId: DR_A } });
  });

  it('refuses to decide twice', () => {
    expect(decideResolve(resolved, DR_A)).toMatchObject({ refused: 'already-decided' });
  });
});

describe(decideRelease.name, () => {
  it('lets the holder give it back, nobody else', () => {
    expect(decideRelease(heldBy(DR_A), DR_A)).toBe('release');
    expect(decideRelease(heldBy(DR_A), DR_B)).toMatchObject({ refused: 'held-by-other' });
    expect(decideRelease(open, DR_A)).toEqual({ refused: 'not-held', status: 'open' });
    expect(decideRelease(resolved, DR_A)).toMatchObject({ refused: 'already-decided' });
  });
});

describe(canClose.name, () => {
  it('closes a refer decision when its referral completes, nothing else', () => {
    expect(canClose(resolved, 'referral-completed')).toBe(true);
    expect(canClose({ status: 'resolved', decision: 'monitor' }, 'referral-completed')).toBe(false);
    expect(canClose(open, 'referral-completed')).toBe(false);
    expect(canClose(closed, 'referral-completed')).toBe(false);
  });

  it('closes whatever still waits when the pregnancy ends', () => {
    expect(canClose(open, 'pregnancy-closed')).toBe(true);
    expect(canClose(heldBy(DR_A), 'pregnancy-closed')).toBe(true);
    expect(canClose(resolved, 'pregnancy-closed')).toBe(true);
    expect(canClose({ status: 'resolved', decision: 'false-alarm' }, 'pregnancy-closed')).toBe(false);
  });
});

describe(resolutionViolations.name, () => {
  const today = '2026-06-01';
  const fields = (v: { field: string }[]) => v.map((x) => x.field);

  it('accepts each decision with what it needs', () => {
    expect(resolutionViolations({ decision: 'monitor' }, today)).toEqual([]);
    expect(resolutionViolations({ decision: 'schedule-visit', visitDate: '2026-06-03' }, today)).toEqual([]);
    expect(resolutionViolations({ decision: 'refer', referral: { urgency: 'emergency', reason: 'severe pre-eclampsia' } }, today)).toEqual(
      [],
    );
    expect(resolutionViolations({ decision: 'false-alarm', note: 'cuff too small, re-measured 128/84' }, today)).toEqual([]);
  });

  it('names what is missing', () => {
    expect(fields(resolutionViolations({ decision: 'schedule-visit' }, today))).toEqual(['visitDate']);
    expect(fields(resolutionViolations({ decision: 'refer' }, today))).toEqual(['referral']);
    expect(fields(resolutionViolations({ decision: 'false-alarm', note: '  ' }, today))).toEqual(['note']);
  });

  it('refuses a visit in the past or too far ahead', () => {
    expect(resolutionViolations({ decision: 'schedule-visit', visitDate: '2026-05-31' }, today)[0].message).toBe('is in the past');
    expect(resolutionViolations({ decision: 'schedule-visit', visitDate: '2026-09-30' }, today)[0].message).toMatch(/90 days/);
    expect(resolutionViolations({ decision: 'schedule-visit', visitDate: '2026-06-01' }, today)).toEqual([]);
  });

  it('refuses details that belong to another decision', () => {
    expect(
      fields(resolutionViolations({ decision: 'monitor', visitDate: '2026-06-03', referral: { urgency: 'planned', reason: 'x' } }, today)),
    ).toEqual(['visitDate', 'referral']);
  });
});
