import { Injectable } from '@nestjs/common';
import type { AlertKind, AlertSeverity, AlertStatus } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { AlertListScope } from '@alerts/access/alert-access';
import { SEVERITY_RANK } from './alert-rules';
import type { Alert, AlertTransition, PregnancySummary, TransitionActor, TransitionName } from './alert.types';

const ALERT_COLUMNS = `
  a.id, a.pregnancy_id AS "pregnancyId", a.kind, a.severity, a.status, a.findings, a.score, a.category,
  a.raised_by_assessment_id AS "raisedByAssessmentId", a.last_assessment_id AS "lastAssessmentId",
  a.health_center_id AS "healthCenterId", a.village_code AS "villageCode", a.midwife_id AS "midwifeId",
  a.raised_at AS "raisedAt", a.routed_at AS "routedAt", a.updated_at AS "updatedAt", a.version,
  a.acknowledged_by AS "acknowledgedBy", a.acknowledged_by_name AS "acknowledgedByName", a.acknowledged_at AS "acknowledgedAt",
  a.acknowledge_by AS "acknowledgeBy", a.escalate_at AS "escalateAt", a.escalation_level AS "escalationLevel",
  a.last_escalated_at AS "lastEscalatedAt", a.decision, a.decision_details AS "decisionDetails",
  a.resolved_by AS "resolvedBy", a.resolved_by_name AS "resolvedByName", a.resolved_at AS "resolvedAt",
  a.close_reason AS "closeReason", a.referral_id AS "referralId", a.closed_at AS "closedAt"`;

const SUMMARY_COLUMNS = `
  s.pregnancy_id AS "pregnancyId", s.snapshot_sequence AS "snapshotSequence", s.mother_name AS "motherName",
  s.village_code AS "villageCode", s.village_name AS "villageName", s.district_name AS "districtName",
  s.health_center_id AS "healthCenterId", s.midwife_id AS "midwifeId", s.hpht::text AS hpht, s.hpl::text AS hpl,
  s.status, s.last_visit_date::text AS "lastVisitDate", s.score, s.category`;

/** An alert with the woman behind it (lists, detail, live feed). */
export interface AlertWithSummary {
  alert: Alert;
  summary: PregnancySummary;
}

interface JoinedRow extends Alert {
  summary: PregnancySummary;
}

const JOINED_SELECT = `SELECT ${ALERT_COLUMNS}, (SELECT row_to_json(x) FROM (SELECT ${SUMMARY_COLUMNS}) x) AS summary
  FROM alert a JOIN pregnancy_summary s ON s.pregnancy_id = a.pregnancy_id`;

export interface AlertListFilter {
  scope: AlertListScope;
  statuses: AlertStatus[];
  severities?: AlertSeverity[];
  after?: { rank: number; raisedAt: string; id: string };
  limit: number;
}

const toAlert = (row: Alert): Alert => ({ ...row, escalationLevel: Number(row.escalationLevel), version: Number(row.version) });

const normalise = (row: JoinedRow): AlertWithSummary => {
  const { summary, ...alert } = row;
  return { alert: toAlert(alert), summary: { ...summary, snapshotSequence: Number(summary.snapshotSequence) } };
};

/** The only door to `alert` and `alert_transition`. Writes join the surrounding transaction. */
@Injectable()
export class AlertRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** The open (open or acknowledged) alert of a pregnancy and kind, row-locked; the unique index allows one. */
  async lockOpen(pregnancyId: string, kind: AlertKind): Promise<Alert | null> {
    const rows = await queryRows<Alert>(
      this.tx.manager,
      `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.pregnancy_id = $1 AND a.kind = $2 AND a.status IN ('open', 'acknowledged') FOR UPDATE`,
      [pregnancyId, kind],
    );
    return rows.length === 0 ? null : toAlert(rows[0]);
  }

  async lockById(id: string): Promise<Alert | null> {
    const rows = await queryRows<Alert>(this.tx.manager, `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.id = $1 FOR UPDATE`, [id]);
    return rows.length === 0 ? null : toAlert(rows[0]);
  }

  /** Every alert of a pregnancy in one of these states, row-locked in id order (one lock order for every writer). */
  async lockOfPregnancy(pregnancyId: string, statuses: AlertStatus[]): Promise<Alert[]> {
    const rows = await queryRows<Alert>(
      this.tx.manager,
      `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.pregnancy_id = $1 AND a.status = ANY($2::text[]) ORDER BY a.id FOR UPDATE`,
      [pregnancyId, statuses],
    );
    return rows.map(toAlert);
  }

  /**
   * Open alerts whose timer is due, row-locked. SKIP LOCKED: another instance escalating some of them skips
   * them here and they are not escalated twice; once it commits, their timer has moved on.
   */
  async lockDueForEscalation(limit: number): Promise<Alert[]> {
    const rows = await queryRows<Alert>(
      this.tx.manager,
      `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.escalate_at <= now() AND a.status = 'open'
       ORDER BY a.escalate_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toAlert);
  }

  /** Inserts a new alert; false when one exists already (same raising assessment, or an open one of its kind). */
  async insert(alert: Alert): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.tx.manager,
      `INSERT INTO alert (id, pregnancy_id, kind, severity, severity_rank, status, findings, score, category, raised_by_assessment_id,
                          last_assessment_id, health_center_id, village_code, midwife_id, raised_at, routed_at, updated_at,
                          acknowledge_by, escalate_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        alert.id,
        alert.pregnancyId,
        alert.kind,
        alert.severity,
        SEVERITY_RANK[alert.severity],
        alert.status,
        JSON.stringify(alert.findings),
        alert.score,
        alert.category,
        alert.raisedByAssessmentId,
        alert.lastAssessmentId,
        alert.healthCenterId,
        alert.villageCode,
        alert.midwifeId,
        alert.raisedAt,
        alert.routedAt,
        alert.updatedAt,
        alert.acknowledgeBy,
        alert.escalateAt,
      ],
    );
    return rows.length === 1;
  }

  /** Writes every mutable column of a locked alert and bumps its version (the live feed announces the change). */
  async save(alert: Alert): Promise<Alert> {
    const rows = await queryRows<{ version: number }>(
      this.tx.manager,
      `WITH saved AS (
         UPDATE alert SET severity = $2, severity_rank = $3, status = $4, findings = $5, score = $6, category = $7,
           last_assessment_id = $8, health_center_id = $9, village_code = $10, midwife_id = $11, routed_at = $12, updated_at = $13,
           acknowledged_by = $14, acknowledged_by_name = $15, acknowledged_at = $16, acknowledge_by = $17, escalate_at = $18,
           escalation_level = $19, last_escalated_at = $20, decision = $21, decision_details = $22, resolved_by = $23,
           resolved_by_name = $24, resolved_at = $25, close_reason = $26, referral_id = $27, closed_at = $28, version = version + 1
         WHERE id = $1 RETURNING version)
       SELECT version FROM saved`,
      [
        alert.id,
        alert.severity,
        SEVERITY_RANK[alert.severity],
        alert.status,
        JSON.stringify(alert.findings),
        alert.score,
        alert.category,
        alert.lastAssessmentId,
        alert.healthCenterId,
        alert.villageCode,
        alert.midwifeId,
        alert.routedAt,
        alert.updatedAt,
        alert.acknowledgedBy,
        alert.acknowledgedByName,
        alert.acknowledgedAt,
        alert.acknowledgeBy,
        alert.escalateAt,
        alert.escalationLevel,
        alert.lastEscalatedAt,
        alert.decision,
        alert.decisionDetails === null ? null : JSON.stringify(alert.decisionDetails),
        alert.resolvedBy,
        alert.resolvedByName,
        alert.resolvedAt,
        alert.closeReason,
        alert.referralId,
        alert.closedAt,
      ],
    );
    return { ...alert, version: Number(rows[0].version) };
  }

  async recordTransition(
    alert: Pick<Alert, 'id' | 'pregnancyId'>,
    transition: TransitionName,
    fromStatus: AlertStatus | null,
    toStatus: AlertStatus,
    actor: TransitionActor,
    eventId: string,
    at: Date,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO alert_transition (alert_id, pregnancy_id, transition, from_status, to_status, actor_id, actor_role, actor_name, details, event_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        alert.id,
        alert.pregnancyId,
        transition,
        fromStatus,
        toStatus,
        actor.id,
        actor.role,
        actor.name,
        JSON.stringify(details),
        eventId,
        at,
      ],
    );
  }

  async transitions(alertId: string): Promise<AlertTransition[]> {
    return queryRows<AlertTransition>(
      this.tx.manager,
      `SELECT transition, from_status AS "fromStatus", to_status AS "toStatus", actor_id AS "actorId", actor_role AS "actorRole",
              actor_name AS "actorName", details, event_id AS "eventId", at
       FROM alert_transition WHERE alert_id = $1 ORDER BY id`,
      [alertId],
    );
  }

  async findWithSummary(id: string): Promise<AlertWithSummary | null> {
    const rows = await queryRows<JoinedRow>(this.tx.manager, `${JOINED_SELECT} WHERE a.id = $1`, [id]);
    return rows.length === 0 ? null : normalise(rows[0]);
  }

  /** A page of a triage list: most urgent, then oldest first (keyset on severity rank, raised at, id). */
  async list(filter: AlertListFilter): Promise<AlertWithSummary[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [`a.status = ANY(${bind(filter.statuses)}::text[])`];
    const scope = filter.scope;
    switch (scope.kind) {
      case 'health-center':
        where.push(`a.health_center_id = ${bind(scope.healthCenterId)}`);
        break;
      case 'midwife':
        where.push(`(a.village_code = ANY(${bind(scope.villageCodes)}::text[]) OR a.midwife_id::text = ${bind(scope.midwifeId)})`);
        break;
      case 'regency':
        break;
    }
    if (filter.severities) where.push(`a.severity = ANY(${bind(filter.severities)}::text[])`);
    if (filter.after) {
      where.push(
        `(a.severity_rank, a.raised_at, a.id) > (${bind(filter.after.rank)}::smallint, ${bind(filter.after.raisedAt)}::timestamptz, ${bind(filter.after.id)}::uuid)`,
      );
    }
    const rows = await queryRows<JoinedRow>(
      this.tx.manager,
      `${JOINED_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.severity_rank, a.raised_at, a.id LIMIT ${bind(filter.limit)}`,
      params,
    );
    return rows.map(normalise);
  }
}
