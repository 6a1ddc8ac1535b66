import type { EscortProgress } from '@siaga/contracts';

/**
 * An escort request (domain reference, section 4): offered → accepted → en-route → picked-up → arrived,
 * or cancelled. Escalated when no one accepted in the village nor the district; the offers stay open,
 * so a late acceptance still counts.
 */
export const ESCORT_STATUSES = ['offered', 'escalated', 'accepted', 'en-route', 'picked-up', 'arrived', 'cancelled'] as const;
export type EscortStatus = (typeof ESCORT_STATUSES)[number];

const PROGRESS_ORDER: readonly EscortStatus[] = ['accepted', 'en-route', 'picked-up', 'arrived'];

export const canAccept = (status: EscortStatus): boolean => status === 'offered' || status === 'escalated';

/**
 * Progress only moves forward; a step may be skipped (an officer who forgot "en-route" can still report
 * "picked-up"), never repeated or undone.
 */
export function canReport(status: EscortStatus, next: EscortProgress): boolean {
  const from = PROGRESS_ORDER.indexOf(status);
  return from !== -1 && PROGRESS_ORDER.indexOf(next) > from;
}

export const canCancel = (status: EscortStatus): boolean => status !== 'arrived' && status !== 'cancelled';

/** Held by a responder and not yet finished. */
export const isUnderway = (status: EscortStatus): boolean => status === 'accepted' || status === 'en-route' || status === 'picked-up';
