import { ANC_CONTACT_SCHEDULE, type AncContact, type AncVisitV1, type PregnancySnapshotV1 } from '@siaga/contracts';
import { epochDayFromDate, formatEpochDay, parseIsoDate } from './dates';

export { ANC_CONTACT_SCHEDULE, OVERDUE_GRACE_DAYS, type AncContact } from '@siaga/contracts';

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
