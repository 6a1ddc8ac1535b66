import type { AncVisitV1, PregnancySnapshotV1 } from '@siaga/contracts';
import { epochDayFromDate, formatEpochDay, parseIsoDate } from './dates';

/**
 * One scheduled ANC contact (OVERDUE-VISIT). All numbers are gestational age in days from HPHT, so the
 * registration service can copy this table into SQL as is.
 * - a visit at GA >= windowStartDay (and before the next contact's windowStartDay) counts as this contact;
 * - the contact is overdue once GA >= overdueFromDay.
 */
export interface AncContact {
  readonly contact: number;
  readonly trimester: 1 | 2 | 3;
  readonly targetWeek: number;
  readonly windowStartDay: number;
  readonly overdueFromDay: number;
}

/** Grace after a target week before a contact is overdue. 14 days makes contacts 1 and 3 overdue exactly when trimesters 1 and 2 end. */
export const OVERDUE_GRACE_DAYS = 14;

/**
 * Indonesia's 6 contacts (Permenkes 21/2021: 1 in trimester 1, 2 in trimester 2, 3 in trimester 3).
 * Target weeks are a subset of WHO's 8-contact weeks (12, 20, 26, 30, 34, 38); a window starts halfway
 * between two targets (so a visit counts for the nearest target); overdue from target + 14 days.
 */
export const ANC_CONTACT_SCHEDULE: readonly AncContact[] = [
  { contact: 1, trimester: 1, targetWeek: 12, windowStartDay: 0, overdueFromDay: 98 }, // overdue 14w0d = trimester 1 over
  { contact: 2, trimester: 2, targetWeek: 20, windowStartDay: 112, overdueFromDay: 154 }, // window 16w0d, overdue 22w0d
  { contact: 3, trimester: 2, targetWeek: 26, windowStartDay: 161, overdueFromDay: 196 }, // 23w0d, overdue 28w0d = trimester 2 over
  { contact: 4, trimester: 3, targetWeek: 30, windowStartDay: 196, overdueFromDay: 224 }, // 28w0d, 32w0d
  { contact: 5, trimester: 3, targetWeek: 34, windowStartDay: 224, overdueFromDay: 252 }, // 32w0d, 36w0d
  { contact: 6, trimester: 3, targetWeek: 38, windowStartDay: 252, overdueFromDay: 280 }, // 36w0d, 40w0d
];

export interface NextContact {
  readonly contact: number;
  readonly trimester: 1 | 2 | 3;
  readonly targetWeek: number;
  /** HPHT + targetWeek weeks. */
  readonly targetDate: string;
  /** First day on which the contact counts as overdue. */
  readonly overdueFrom: string;
  readonly overdue: boolean;
  readonly lastVisitDate: string | null;
}

/**
 * The next contact is the first one whose window starts after the gestational age of the latest visit on or
 * before asOf (no visit: contact 1). Null when the last contact's window has been reached (schedule complete).
 */
export function nextContactFromDays(
  schedule: readonly AncContact[],
  hphtDay: number,
  lastVisit: { readonly day: number; readonly date: string } | null,
  asOfDay: number,
): NextContact | null {
  const lastVisitGaDays = lastVisit === null ? Number.NEGATIVE_INFINITY : lastVisit.day - hphtDay;
  for (const c of schedule) {
    if (c.windowStartDay > lastVisitGaDays) {
      return {
        contact: c.contact,
        trimester: c.trimester,
        targetWeek: c.targetWeek,
        targetDate: formatEpochDay(hphtDay + c.targetWeek * 7),
        overdueFrom: formatEpochDay(hphtDay + c.overdueFromDay),
        overdue: asOfDay - hphtDay >= c.overdueFromDay,
        lastVisitDate: lastVisit === null ? null : lastVisit.date,
      };
    }
  }
  return null;
}

/** The next ANC contact due for this pregnancy as of a moment (its UTC day); visits after asOf are ignored. */
export function nextContactDue(
  pregnancy: Pick<PregnancySnapshotV1, 'hpht'>,
  visits: readonly Pick<AncVisitV1, 'visitDate'>[],
  asOf: Date,
  schedule: readonly AncContact[] = ANC_CONTACT_SCHEDULE,
): NextContact | null {
  const asOfDay = epochDayFromDate(asOf);
  let last: { day: number; date: string } | null = null;
  for (const v of visits) {
    const day = parseIsoDate(v.visitDate);
    if (day <= asOfDay && (last === null || day >= last.day)) last = { day, date: v.visitDate };
  }
  return nextContactFromDays(schedule, parseIsoDate(pregnancy.hpht), last, asOfDay);
}

export function isOverdue(
  pregnancy: Pick<PregnancySnapshotV1, 'hpht'>,
  visits: readonly Pick<AncVisitV1, 'visitDate'>[],
  asOf: Date,
  schedule: readonly AncContact[] = ANC_CONTACT_SCHEDULE,
): boolean {
  return nextContactDue(pregnancy, visits, asOf, schedule)?.overdue ?? false;
}
