import { Injectable } from '@nestjs/common';
import type { RiskCategory } from '@siaga/contracts';
import { TransactionContext } from '@siaga/persistence';
import type { CaseloadSort } from './caseload.dto';

export interface CaseloadFilter {
  scope: { villageCodes: string[] } | { healthCenterId: string };
  status: 'active' | 'closed';
  category?: RiskCategory;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  sort: CaseloadSort;
  limit: number;
  after?: { value: string; id: string };
}

export interface CaseloadRow {
  id: string;
  mother_name: string;
  village_code: string;
  village_name: string;
  hpht: string;
  hpl: string;
  risk_category: RiskCategory | null;
  risk_score: number | null;
  has_emergency: boolean;
  visit_count: number;
  last_visit_date: string | null;
  next_visit_due: string;
  overdue_from: string;
  registered_at: Date;
  sort_value: string;
}

const SORT_COLUMN: Record<CaseloadSort, string> = {
  hpl: 'p.hpl',
  nextVisitDue: 'p.next_visit_due',
  registeredAt: 'p.registered_at',
};

/** Keyset-paginated caseload; every filter and sort is served by an index on (scope, status, key, id). */
@Injectable()
export class CaseloadRepository {
  constructor(private readonly tx: TransactionContext) {}

  list(filter: CaseloadFilter): Promise<CaseloadRow[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const sortColumn = SORT_COLUMN[filter.sort];
    const where: string[] = [
      'villageCodes' in filter.scope ? 'p.village_code = v.code' : `p.health_center_id = ${bind(filter.scope.healthCenterId)}`,
      `p.status = ${bind(filter.status)}`,
    ];
    if (filter.category) where.push(`p.risk_category = ${bind(filter.category)}`);
    if (filter.dueFrom) where.push(`p.hpl >= ${bind(filter.dueFrom)}::date`);
    if (filter.dueTo) where.push(`p.hpl <= ${bind(filter.dueTo)}::date`);
    if (filter.overdue === true) where.push(`p.overdue_from <= current_date`);
    if (filter.overdue === false) where.push(`p.overdue_from > current_date`);
    if (filter.after) {
      const cast = filter.sort === 'registeredAt' ? 'timestamptz' : 'date';
      where.push(`(${sortColumn}, p.id) > (${bind(filter.after.value)}::${cast}, ${bind(filter.after.id)}::uuid)`);
    }
    const limit = bind(filter.limit);
    const page = `
      SELECT p.id, m.name AS mother_name, p.village_code, m.village_name, p.hpht::text, p.hpl::text,
             p.risk_category, p.risk_score, p.has_emergency, p.visit_count, p.last_visit_date::text,
             p.next_visit_due::text, p.overdue_from::text, p.registered_at, ${sortColumn} AS sort_key,
             ${filter.sort === 'registeredAt' ? `to_char(p.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `${sortColumn}::text`} AS sort_value
      FROM pregnancy p JOIN mother_identity m ON m.mother_id = p.mother_id AND m.version = p.mother_version
      WHERE ${where.join(' AND ')}
      ORDER BY ${sortColumn}, p.id
      LIMIT ${limit}`;
    // Several villages: one index range per village, merged. A single scan over all of them would sort
    // every matching row (tens of thousands with a million pregnancies) to return one page.
    const sql =
      'villageCodes' in filter.scope
        ? `SELECT page.* FROM unnest(${bind(filter.scope.villageCodes)}::text[]) AS v(code) CROSS JOIN LATERAL (${page}) AS page
         ORDER BY page.sort_key, page.id LIMIT ${limit}`
        : page;
    return this.tx.manager.query(sql, params);
  }
}
