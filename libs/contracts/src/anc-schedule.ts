/**
 * Antenatal contact schedule shared by registration (caseload "overdue") and risk scoring (OVERDUE-VISIT),
 * so both agree on who is overdue. Indonesia requires at least 6 contacts (Permenkes 21/2021: 1 in
 * trimester 1, 2 in trimester 2, 3 in trimester 3); target weeks are a subset of WHO's 8-contact weeks.
 * All numbers are gestational days from HPHT:
 * - a visit at GA >= windowStartDay (and before the next contact's window) counts as this contact;
 * - the contact is overdue once GA >= overdueFromDay (target week + 14 days grace, so contacts 1 and 3
 *   become overdue exactly when trimesters 1 and 2 end).
 */
export interface AncContact {
  readonly contact: number;
  readonly trimester: 1 | 2 | 3;
  readonly targetWeek: number;
  readonly windowStartDay: number;
  readonly overdueFromDay: number;
}

export const OVERDUE_GRACE_DAYS = 14;

export const ANC_CONTACT_SCHEDULE: readonly AncContact[] = [
  { contact: 1, trimester: 1, targetWeek: 12, windowStartDay: 0, overdueFromDay: 98 }, // overdue 14w0d = trimester 1 over
  { contact: 2, trimester: 2, targetWeek: 20, windowStartDay: 112, overdueFromDay: 154 }, // window 16w0d, overdue 22w0d
  { contact: 3, trimester: 2, targetWeek: 26, windowStartDay: 161, overdueFromDay: 196 }, // 23w0d, overdue 28w0d = trimester 2 over
  { contact: 4, trimester: 3, targetWeek: 30, windowStartDay: 196, overdueFromDay: 224 }, // 28w0d, 32w0d
  { contact: 5, trimester: 3, targetWeek: 34, windowStartDay: 224, overdueFromDay: 252 }, // 32w0d, 36w0d
  { contact: 6, trimester: 3, targetWeek: 38, windowStartDay: 252, overdueFromDay: 280 }, // 36w0d, 40w0d
];

const DAY_MS = 86_400_000;

export const parseDate = (isoDate: string): number => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
export const toIsoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** HPL (due date) = HPHT + 280 days, Naegele's rule. */
export const dueDateFromHpht = (hpht: string): string => toIsoDate(parseDate(hpht) + 280 * DAY_MS);

/** Completed gestational days at a date. */
export const gestationalDays = (hpht: string, at: string): number => Math.floor((parseDate(at) - parseDate(hpht)) / DAY_MS);

export interface ContactDue {
  contact: number;
  /** HPHT + target week. */
  targetDate: string;
  /** First day on which the contact is overdue. */
  overdueFrom: string;
}

/**
 * The next contact: the first whose window starts after the gestational age of her latest contact
 * (no contact yet: contact 1). Null once the last contact's window is reached; HPL takes over then.
 */
export function nextContactDue(hpht: string, lastContactDate: string | null): ContactDue | null {
  const lastGaDays = lastContactDate === null ? Number.NEGATIVE_INFINITY : gestationalDays(hpht, lastContactDate);
  const next = ANC_CONTACT_SCHEDULE.find((c) => c.windowStartDay > lastGaDays);
  if (!next) return null;
  const start = parseDate(hpht);
  return {
    contact: next.contact,
    targetDate: toIsoDate(start + next.targetWeek * 7 * DAY_MS),
    overdueFrom: toIsoDate(start + next.overdueFromDay * DAY_MS),
  };
}
