import { Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { gestationalDays } from '@siaga/contracts';
import { PageCursor, cursorPart } from '@siaga/http';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';
import { NOTHING_DUE } from '@registration/pregnancy/pregnancy.entity';
import type { CaseloadQueryDto, CaseloadSort } from './caseload.dto';
import { CaseloadRepository, type CaseloadFilter, type CaseloadRow } from './caseload.repository';

/** One cursor per sort order: its key is a due date (HPL), a next contact date (`infinity`: none due) or an instant. */
const CURSORS: Record<CaseloadSort, PageCursor<[value: string, id: string]>> = {
  hpl: new PageCursor('caseload.hpl', [cursorPart.date, cursorPart.uuid]),
  nextVisitDue: new PageCursor('caseload.nextVisitDue', [
    cursorPart.either(cursorPart.date, cursorPart.oneOf(NOTHING_DUE)),
    cursorPart.uuid,
  ]),
  registeredAt: new PageCursor('caseload.registeredAt', [cursorPart.timestamp, cursorPart.uuid]),
};

const toItem = (row: CaseloadRow, today: string) => ({
  id: row.id,
  motherName: row.mother_name,
  villageCode: row.village_code,
  villageName: row.village_name,
  hpl: row.hpl,
  gestationalWeeks: Math.floor(gestationalDays(row.hpht, today) / 7),
  riskCategory: row.risk_category,
  riskScore: row.risk_score,
  hasEmergency: row.has_emergency,
  visitCount: row.visit_count,
  lastVisitDate: row.last_visit_date,
  nextVisitDue: row.next_visit_due === NOTHING_DUE ? null : row.next_visit_due,
  overdue: row.overdue_from !== NOTHING_DUE && row.overdue_from <= today,
});

export type CaseloadItem = ReturnType<typeof toItem>;

@Injectable()
export class CaseloadService {
  constructor(
    private readonly caseload: CaseloadRepository,
    private readonly audit: AccessAudit,
  ) {}

  /** A midwife's women (her villages) or a doctor's (her health center), filtered and sorted, a page at a time. */
  async list(actor: Actor, query: CaseloadQueryDto): Promise<{ items: CaseloadItem[]; nextCursor: string | null }> {
    const scope = this.scopeOf(actor, query.village);
    const limit = query.limit ?? 50;
    const sort = query.sort ?? 'hpl';
    const cursor = CURSORS[sort];
    const after = query.cursor ? cursor.decode(query.cursor) : undefined;
    const filter: CaseloadFilter = {
      scope,
      status: query.status ?? 'active',
      category: query.category,
      dueFrom: query.dueFrom,
      dueTo: query.dueTo,
      overdue: query.overdue,
      sort,
      limit: limit + 1,
      after: after && { value: after[0], id: after[1] },
    };
    const rows = await this.caseload.list(filter);
    const page = rows.slice(0, limit);
    await this.audit.record(...page.map((r) => ({ actor, action: 'caseload.read', pregnancyId: r.id, outcome: 'allowed' as const })));
    const today = new Date().toISOString().slice(0, 10);
    const last = page.at(-1);
    return {
      items: page.map((r) => toItem(r, today)),
      nextCursor: rows.length > limit && last ? cursor.encode([last.sort_value, last.id]) : null,
    };
  }

  private scopeOf(actor: Actor, village: string | undefined): CaseloadFilter['scope'] {
    if (actor.role === 'midwife') {
      if (village && !actor.villageCodes.includes(village)) {
        throw new PregnancyException(PregnancyErrorCode.OutOfScope, `Village ${village} is not one of yours`);
      }
      return { villageCodes: village ? [village] : actor.villageCodes };
    }
    if (actor.role === 'doctor' && actor.healthCenterId) {
      if (village) throw PregnancyException.implausible('village', 'filter is for midwives; doctors see their health center');
      return { healthCenterId: actor.healthCenterId };
    }
    throw new PregnancyException(PregnancyErrorCode.OutOfScope, 'Your role has no caseload');
  }
}
