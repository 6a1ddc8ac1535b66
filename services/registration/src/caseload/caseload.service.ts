import { Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { gestationalDays } from '@siaga/contracts';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';
import { NOTHING_DUE } from '@registration/pregnancy/pregnancy.entity';
import type { CaseloadQueryDto } from './caseload.dto';
import { CaseloadRepository, type CaseloadFilter, type CaseloadRow } from './caseload.repository';

interface Cursor {
  value: string;
  id: string;
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.value, c.id])).toString('base64url');

function decodeCursor(raw: string): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { value, id };
  } catch {
    // fall through to the 400 below
  }
  throw PregnancyException.implausible('cursor', 'is not a cursor this API issued');
}

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
    const filter: CaseloadFilter = {
      scope,
      status: query.status ?? 'active',
      category: query.category,
      dueFrom: query.dueFrom,
      dueTo: query.dueTo,
      overdue: query.overdue,
      sort: query.sort ?? 'hpl',
      limit: limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    };
    const rows = await this.caseload.list(filter);
    const page = rows.slice(0, limit);
    await this.audit.record(...page.map((r) => ({ actor, action: 'caseload.read', pregnancyId: r.id, outcome: 'allowed' as const })));
    const today = new Date().toISOString().slice(0, 10);
    const last = page.at(-1);
    return {
      items: page.map((r) => toItem(r, today)),
      nextCursor: rows.length > limit && last ? encodeCursor({ value: last.sort_value, id: last.id }) : null,
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
