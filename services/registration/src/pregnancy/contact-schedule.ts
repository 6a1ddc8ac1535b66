import { nextContactDue } from '@siaga/contracts';
import { NOTHING_DUE } from './pregnancy.entity';

/** The caseload's view of the shared ANC schedule: when her next contact is due and from when it is overdue. */
export function contactSchedule(hpht: string, lastContactDate: string | null): { nextVisitDue: string; overdueFrom: string } {
  const next = nextContactDue(hpht, lastContactDate);
  return next ? { nextVisitDue: next.targetDate, overdueFrom: next.overdueFrom } : { nextVisitDue: NOTHING_DUE, overdueFrom: NOTHING_DUE };
}
