import type { AncVisitV1, PregnancySnapshotV1 } from '@siaga/contracts';
import { anObstetricHistory } from '@siaga/testing';
import { applyChange, isScorable, noFacts, type FactChange, type PregnancyFacts } from './pregnancy-facts';

const ID = '6f1c2a52-5a4e-4c1b-9a53-2f0b8f0d4a11';

const snapshot = (heightCm: number): PregnancySnapshotV1 => ({
  pregnancyId: ID,
  motherId: '0b4a4e0e-2d3c-4d5b-8f6e-7a8b9c0d1e2f',
  motherName: 'Siti Aminah',
  motherBirthDate: '1997-08-17',
  villageCode: '35.10.20.2001',
  villageName: 'Sempu',
  districtName: 'Sempu',
  healthCenterId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  midwifeId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  heightCm,
  hpht: '2026-01-05',
  hpl: '2026-10-12',
  history: anObstetricHistory(),
  conditions: [],
});

const visit = (visitId: string): AncVisitV1 => ({ visitId, visitDate: '2026-03-01', dangerSigns: [] });

/** Applies changes in order, as the consumer would, and returns the final facts. */
const replay = (changes: FactChange[]): PregnancyFacts => changes.reduce((facts, change) => applyChange(facts, change).facts, noFacts(ID));

describe('applyChange (facts projection)', () => {
  it('takes the first snapshot and remembers its sequence', () => {
    const { facts, changed } = applyChange(noFacts(ID), { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) });
    expect(changed).toBe(true);
    expect(facts).toMatchObject({ snapshotSequence: 1, lastSequence: 1, status: 'open' });
    expect(facts.snapshot?.heightCm).toBe(150);
  });

  it('replaces the snapshot with a newer one', () => {
    const facts = replay([
      { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) },
      { kind: 'snapshot', sequence: 3, snapshot: snapshot(144) },
    ]);
    expect(facts.snapshot?.heightCm).toBe(144);
  });

  it('never lets an older snapshot overwrite a newer one', () => {
    const newer = replay([{ kind: 'snapshot', sequence: 3, snapshot: snapshot(144) }]);
    const result = applyChange(newer, { kind: 'snapshot', sequence: 2, snapshot: snapshot(160) });
    expect(result.changed).toBe(false);
    expect(result.facts.snapshot?.heightCm).toBe(144);
    expect(result.facts.snapshotSequence).toBe(3);
  });

  it('treats a replayed snapshot (same sequence) as already known', () => {
    const once = replay([{ kind: 'snapshot', sequence: 1, snapshot: snapshot(150) }]);
    expect(applyChange(once, { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) }).changed).toBe(false);
  });

  it('adds each visit once, keyed by visitId, and hands the new one back to be stored', () => {
    const a = visit('c0ffee00-0000-4000-8000-000000000001');
    const first = applyChange(noFacts(ID), { kind: 'visit', sequence: 2, visit: a });
    expect(first).toMatchObject({ changed: true, newVisit: a });
    const again = applyChange(first.facts, { kind: 'visit', sequence: 2, visit: a });
    expect(again).toMatchObject({ changed: false, newVisit: null });
    expect(again.facts.visits).toHaveLength(1);
  });

  it('keeps a visit that arrived before the snapshot, and keeps the snapshot it then gets', () => {
    const facts = replay([
      { kind: 'visit', sequence: 2, visit: visit('c0ffee00-0000-4000-8000-000000000002') },
      { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) },
    ]);
    expect(facts.visits).toHaveLength(1);
    expect(facts.snapshot?.heightCm).toBe(150);
    expect(facts.lastSequence).toBe(2);
  });

  it('closes once; a second closure changes nothing and later facts do not reopen it', () => {
    const closed = replay([
      { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) },
      { kind: 'closed', sequence: 2, outcome: 'delivered', closedAt: '2026-10-10T03:00:00.000Z' },
    ]);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'delivered', closedAt: '2026-10-10T03:00:00.000Z' });
    expect(applyChange(closed, { kind: 'closed', sequence: 3, outcome: 'stillbirth', closedAt: '2026-10-11T00:00:00.000Z' }).changed).toBe(
      false,
    );
    const later = applyChange(closed, { kind: 'snapshot', sequence: 4, snapshot: snapshot(151) });
    expect(later.changed).toBe(true);
    expect(later.facts.status).toBe('closed');
  });
});

describe(isScorable.name, () => {
  it('scores an open pregnancy with a snapshot', () => {
    expect(isScorable(replay([{ kind: 'snapshot', sequence: 1, snapshot: snapshot(150) }]))).toBe(true);
  });

  it('does not score before the snapshot is known (KSPR needs the history)', () => {
    expect(isScorable(replay([{ kind: 'visit', sequence: 2, visit: visit('c0ffee00-0000-4000-8000-000000000003') }]))).toBe(false);
  });

  it('stops scoring a closed pregnancy', () => {
    const facts = replay([
      { kind: 'snapshot', sequence: 1, snapshot: snapshot(150) },
      { kind: 'closed', sequence: 2, outcome: 'miscarriage', closedAt: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(isScorable(facts)).toBe(false);
  });
});
