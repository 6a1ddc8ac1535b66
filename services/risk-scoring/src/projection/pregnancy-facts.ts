import type { AncVisitV1, PregnancyOutcome, PregnancySnapshotV1 } from '@siaga/contracts';

export type FactsStatus = 'open' | 'closed';

/** What risk scoring knows about one pregnancy: registration's latest snapshot, every visit, and whether it is closed. */
export interface PregnancyFacts {
  readonly pregnancyId: string;
  /** Null while only later events (a visit, a closure) have arrived: nothing to score yet. */
  readonly snapshot: PregnancySnapshotV1 | null;
  /** Sequence of the event that carried the snapshot: an older snapshot never replaces a newer one. */
  readonly snapshotSequence: number;
  readonly status: FactsStatus;
  readonly outcome: PregnancyOutcome | null;
  readonly closedAt: string | null;
  /** Highest per-pregnancy sequence applied, whatever the event. */
  readonly lastSequence: number;
  readonly visits: readonly AncVisitV1[];
}

/** One registration event, reduced to the fact it adds. */
export type FactChange =
  | { readonly kind: 'snapshot'; readonly sequence: number; readonly snapshot: PregnancySnapshotV1 }
  | { readonly kind: 'visit'; readonly sequence: number; readonly visit: AncVisitV1 }
  | { readonly kind: 'closed'; readonly sequence: number; readonly outcome: PregnancyOutcome; readonly closedAt: string };

export interface AppliedChange {
  readonly facts: PregnancyFacts;
  /** False when the change was already known or is older than what is known: nothing to store, nothing to re-score. */
  readonly changed: boolean;
  /** The visit to store, when the change added one. */
  readonly newVisit: AncVisitV1 | null;
}

export const noFacts = (pregnancyId: string): PregnancyFacts => ({
  pregnancyId,
  snapshot: null,
  snapshotSequence: 0,
  status: 'open',
  outcome: null,
  closedAt: null,
  lastSequence: 0,
  visits: [],
});

const unchanged = (facts: PregnancyFacts): AppliedChange => ({ facts, changed: false, newVisit: null });

/**
 * Merges one event's fact into what is known. The inbox already drops duplicates and events older than
 * the last one applied; these rules are the second guard, so a replay (or a rebuilt inbox) is harmless:
 * - a snapshot replaces the known one only if its event is newer;
 * - a visit is keyed by visitId, so the same visit twice is one visit;
 * - a closure is final (registration never reopens a pregnancy).
 */
export function applyChange(current: PregnancyFacts, change: FactChange): AppliedChange {
  const lastSequence = Math.max(current.lastSequence, change.sequence);
  switch (change.kind) {
    case 'snapshot':
      if (change.sequence <= current.snapshotSequence) return unchanged(current);
      return {
        facts: { ...current, snapshot: change.snapshot, snapshotSequence: change.sequence, lastSequence },
        changed: true,
        newVisit: null,
      };
    case 'visit':
      if (current.visits.some((v) => v.visitId === change.visit.visitId)) return unchanged(current);
      return { facts: { ...current, visits: [...current.visits, change.visit], lastSequence }, changed: true, newVisit: change.visit };
    case 'closed':
      if (current.status === 'closed') return unchanged(current);
      return {
        facts: { ...current, status: 'closed', outcome: change.outcome, closedAt: change.closedAt, lastSequence },
        changed: true,
        newVisit: null,
      };
  }
}

/** Scored only while open (a closed pregnancy is history) and once the snapshot is known (KSPR needs the history). */
export function isScorable(facts: PregnancyFacts): facts is PregnancyFacts & { snapshot: PregnancySnapshotV1 } {
  return facts.status === 'open' && facts.snapshot !== null;
}
