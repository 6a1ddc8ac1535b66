/**
 * Antenatal contact schedule shared by registration (caseload "overdue") and risk scoring (OVERDUE-VISIT).
 * Indonesia requires at least 6 contacts (Permenkes 21/2021: 1 in trimester 1, 2 in trimester 2,
 * 3 in trimester 3); these are the gestational weeks by which each contact is expected.
 */
export const ANC_CONTACT_WEEKS = [12, 20, 26, 30, 34, 38] as const;

const DAY_MS = 86_400_000;

export const parseDate = (isoDate: string): number => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
export const toIsoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** HPL (due date) = HPHT + 280 days, Naegele's rule. */
export const dueDateFromHpht = (hpht: string): string => toIsoDate(parseDate(hpht) + 280 * DAY_MS);

/** Completed gestational days at a date. */
export const gestationalDays = (hpht: string, at: string): number => Math.floor((parseDate(at) - parseDate(hpht)) / DAY_MS);

/**
 * The date the next contact is due: the first scheduled week after her last contact (or, with no
 * contact yet, the first scheduled week not before the day she was registered... as long as the
 * schedule has not run out). Null after the last scheduled week: delivery is tracked by HPL instead.
 */
export function nextContactDue(hpht: string, lastContactDate: string | null, registeredOn: string): string | null {
  const fromDays = lastContactDate ? gestationalDays(hpht, lastContactDate) + 1 : gestationalDays(hpht, registeredOn);
  const week = ANC_CONTACT_WEEKS.find((w) => w * 7 >= fromDays);
  return week === undefined ? null : toIsoDate(parseDate(hpht) + week * 7 * DAY_MS);
}
