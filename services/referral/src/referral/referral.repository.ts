import { Injectable } from '@nestjs/common';
import type { FacilityCapability, ReferralDeclineReason, ReferralOrigin, ReferralUrgencyLevel } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { ReferralStatus } from './referral-state';
import type { NewReferralStep, OfferOutcome, PickupPlace, Referral, ReferralOffer, ReferralStep } from './referral.types';

interface ReferralRow {
  id: string;
  pregnancy_id: string;
  origin: ReferralOrigin;
  alert_id: string | null;
  health_center_id: string;
  village_code: string;
  urgency: ReferralUrgencyLevel;
  reason: string;
  icd10: string | null;
  treatment_given: string | null;
  history_summary: string | null;
  required_capabilities: FacilityCapability[];
  transport_needed: boolean;
  pickup: PickupPlace;
  contact_phone: string | null;
  pickup_at: Date;
  status: ReferralStatus;
  attempt: number;
  current_hospital_id: string | null;
  respond_by: Date | null;
  accepted_at: Date | null;
  escalated_at: Date | null;
  arrived_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

interface OfferRow {
  referral_id: string;
  attempt: number;
  hospital_id: string;
  hospital_name: string;
  distance_km: number | null;
  chosen_by_district: boolean;
  offered_at: Date;
  respond_by: Date;
  outcome: OfferOutcome;
  answered_at: Date | null;
  answered_by: string | null;
  decline_reason: ReferralDeclineReason | null;
  decline_note: string | null;
}

interface StepRow {
  id: number;
  at: Date;
  kind: string;
  attempt: number | null;
  hospital_id: string | null;
  escort_id: string | null;
  actor: string;
  detail: Record<string, unknown>;
}

const toReferral = (r: ReferralRow): Referral => ({
  id: r.id,
  pregnancyId: r.pregnancy_id,
  origin: r.origin,
  alertId: r.alert_id,
  healthCenterId: r.health_center_id,
  villageCode: r.village_code,
  urgency: r.urgency,
  reason: r.reason,
  icd10: r.icd10,
  treatmentGiven: r.treatment_given,
  historySummary: r.history_summary,
  requiredCapabilities: r.required_capabilities,
  transportNeeded: r.transport_needed,
  pickup: r.pickup,
  contactPhone: r.contact_phone,
  pickupAt: r.pickup_at,
  status: r.status,
  attempt: r.attempt,
  currentHospitalId: r.current_hospital_id,
  respondBy: r.respond_by,
  acceptedAt: r.accepted_at,
  escalatedAt: r.escalated_at,
  arrivedAt: r.arrived_at,
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toOffer = (r: OfferRow): ReferralOffer => ({
  referralId: r.referral_id,
  attempt: r.attempt,
  hospitalId: r.hospital_id,
  hospitalName: r.hospital_name,
  distanceKm: r.distance_km,
  chosenByDistrict: r.chosen_by_district,
  offeredAt: r.offered_at,
  respondBy: r.respond_by,
  outcome: r.outcome,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by,
  declineReason: r.decline_reason,
  declineNote: r.decline_note,
});

const toStep = (r: StepRow): ReferralStep => ({
  id: Number(r.id),
  at: r.at,
  kind: r.kind,
  attempt: r.attempt,
  hospitalId: r.hospital_id,
  escortId: r.escort_id,
  actor: r.actor,
  detail: r.detail,
});

const INSERT_SQL = `
INSERT INTO referral (id, pregnancy_id, origin, alert_id, health_center_id, village_code, urgency, reason, icd10, treatment_given,
  history_summary, required_capabilities, transport_needed, pickup, contact_phone, pickup_at, status, attempt,
  current_hospital_id, respond_by, accepted_at, escalated_at, arrived_at, cancelled_at, cancel_reason, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
  $26, $27, $27)`;

const UPDATE_SQL = `
UPDATE referral SET status = $2, attempt = $3, current_hospital_id = $4, respond_by = $5, accepted_at = $6, escalated_at = $7,
  arrived_at = $8, cancelled_at = $9, cancel_reason = $10, updated_at = clock_timestamp()
WHERE id = $1`;

/** A referral's changing state, bound in one column order by INSERT_SQL ($17-$25) and UPDATE_SQL ($2-$10) alike. */
const stateParams = (r: Referral): unknown[] => [
  r.status,
  r.attempt,
  r.currentHospitalId,
  r.respondBy,
  r.acceptedAt,
  r.escalatedAt,
  r.arrivedAt,
  r.cancelledAt,
  r.cancelReason,
];

const OPEN = `('offered', 'accepted', 'escalated')`;

/** Who may see which referrals in a listing. */
export type ReferralScope =
  | { kind: 'villages'; villageCodes: readonly string[] }
  | { kind: 'health-center'; healthCenterId: string }
  | { kind: 'hospital'; facilityId: string }
  | { kind: 'all' };

export interface ReferralListFilter {
  scope: ReferralScope;
  open: boolean | undefined;
  urgency: ReferralUrgencyLevel | undefined;
  limit: number;
}

/** A listed referral, with the offer to the caller's hospital when the caller is hospital staff. */
export interface ListedReferral {
  referral: Referral;
  hospitalName: string | null;
  offerToMe: Pick<ReferralOffer, 'attempt' | 'outcome' | 'respondBy'> | null;
}

/** The only door to referrals, their offers and their steps. */
@Injectable()
export class ReferralRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(r: Referral): Promise<void> {
    await this.tx.manager.query(INSERT_SQL, [
      r.id,
      r.pregnancyId,
      r.origin,
      r.alertId,
      r.healthCenterId,
      r.villageCode,
      r.urgency,
      r.reason,
      r.icd10,
      r.treatmentGiven,
      r.historySummary,
      r.requiredCapabilities,
      r.transportNeeded,
      JSON.stringify(r.pickup),
      r.contactPhone,
      r.pickupAt,
      ...stateParams(r),
      r.createdBy,
      r.createdAt,
    ]);
  }

  async update(r: Referral): Promise<void> {
    await this.tx.manager.query(UPDATE_SQL, [r.id, ...stateParams(r)]);
  }

  async find(id: string): Promise<Referral | null> {
    const rows = await queryRows<ReferralRow>(this.tx.manager, 'SELECT * FROM referral WHERE id = $1', [id]);
    return rows.length === 0 ? null : toReferral(rows[0]);
  }

  /** Row-locks the referral until commit: every change to one referral (and its escorts) goes through this lock. */
  async lock(id: string): Promise<Referral | null> {
    const rows = await queryRows<ReferralRow>(this.tx.manager, 'SELECT * FROM referral WHERE id = $1 FOR UPDATE', [id]);
    return rows.length === 0 ? null : toReferral(rows[0]);
  }

  async findOpenByPregnancy(pregnancyId: string, lock = false): Promise<Referral | null> {
    const rows = await queryRows<ReferralRow>(
      this.tx.manager,
      `SELECT * FROM referral WHERE pregnancy_id = $1 AND status IN ${OPEN}${lock ? ' FOR UPDATE' : ''}`,
      [pregnancyId],
    );
    return rows.length === 0 ? null : toReferral(rows[0]);
  }

  async findByAlert(alertId: string): Promise<Referral | null> {
    const rows = await queryRows<ReferralRow>(this.tx.manager, 'SELECT * FROM referral WHERE alert_id = $1', [alertId]);
    return rows.length === 0 ? null : toReferral(rows[0]);
  }

  /** Referrals whose hospital did not answer in time, locked; rows another instance holds are skipped. */
  async lockOverdue(now: Date, limit: number): Promise<Referral[]> {
    const rows = await queryRows<ReferralRow>(
      this.tx.manager,
      `SELECT * FROM referral WHERE status = 'offered' AND respond_by <= $1 ORDER BY respond_by LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toReferral);
  }

  async insertOffer(o: ReferralOffer): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO referral_offer (referral_id, attempt, hospital_id, hospital_name, distance_km, chosen_by_district, offered_at, respond_by, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [o.referralId, o.attempt, o.hospitalId, o.hospitalName, o.distanceKm, o.chosenByDistrict, o.offeredAt, o.respondBy, o.outcome],
    );
  }

  async answerOffer(
    referralId: string,
    attempt: number,
    answer: {
      outcome: OfferOutcome;
      at: Date;
      by: string | null;
      declineReason?: ReferralDeclineReason | null;
      declineNote?: string | null;
    },
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE referral_offer SET outcome = $3, answered_at = $4, answered_by = $5, decline_reason = $6, decline_note = $7
       WHERE referral_id = $1 AND attempt = $2 AND outcome = 'pending'`,
      [referralId, attempt, answer.outcome, answer.at, answer.by, answer.declineReason ?? null, answer.declineNote ?? null],
    );
  }

  async offers(referralId: string): Promise<ReferralOffer[]> {
    const rows = await queryRows<OfferRow>(this.tx.manager, 'SELECT * FROM referral_offer WHERE referral_id = $1 ORDER BY attempt', [
      referralId,
    ]);
    return rows.map(toOffer);
  }

  async currentOffer(referral: Referral): Promise<ReferralOffer | null> {
    const rows = await queryRows<OfferRow>(this.tx.manager, 'SELECT * FROM referral_offer WHERE referral_id = $1 AND attempt = $2', [
      referral.id,
      referral.attempt,
    ]);
    return rows.length === 0 ? null : toOffer(rows[0]);
  }

  async appendSteps(steps: NewReferralStep[]): Promise<void> {
    for (const s of steps) {
      await this.tx.manager.query(
        `INSERT INTO referral_step (referral_id, at, kind, attempt, hospital_id, escort_id, actor, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.referralId, s.at, s.kind, s.attempt, s.hospitalId, s.escortId, s.actor, JSON.stringify(s.detail)],
      );
    }
  }

  async steps(referralId: string): Promise<ReferralStep[]> {
    const rows = await queryRows<StepRow>(this.tx.manager, 'SELECT * FROM referral_step WHERE referral_id = $1 ORDER BY id', [referralId]);
    return rows.map(toStep);
  }

  /**
   * Most urgent first: for hospital staff the referrals waiting for their answer come first, then
   * emergencies before planned referrals, then the nearest deadline, then the oldest.
   */
  async list(filter: ReferralListFilter): Promise<ListedReferral[]> {
    const s = filter.scope;
    const params: unknown[] = [filter.open ?? null, filter.urgency ?? null, filter.limit];
    let scopeSql: string;
    let mine = 'NULL::int AS my_attempt, NULL::text AS my_outcome, NULL::timestamptz AS my_respond_by';
    let join = '';
    switch (s.kind) {
      case 'villages':
        params.push(s.villageCodes);
        scopeSql = `r.village_code = ANY($4::text[])`;
        break;
      case 'health-center':
        params.push(s.healthCenterId);
        scopeSql = `r.health_center_id = $4`;
        break;
      case 'hospital':
        params.push(s.facilityId);
        join = `JOIN LATERAL (SELECT o.attempt, o.outcome, o.respond_by FROM referral_offer o
                  WHERE o.referral_id = r.id AND o.hospital_id = $4 ORDER BY o.attempt DESC LIMIT 1) mo ON true`;
        mine = 'mo.attempt AS my_attempt, mo.outcome AS my_outcome, mo.respond_by AS my_respond_by';
        scopeSql = 'true';
        break;
      case 'all':
        scopeSql = 'true';
        break;
    }
    const rows = await queryRows<
      ReferralRow & { hospital_name: string | null; my_attempt: number | null; my_outcome: OfferOutcome | null; my_respond_by: Date | null }
    >(
      this.tx.manager,
      `SELECT r.*, f.name AS hospital_name, ${mine}
       FROM referral r ${join}
       LEFT JOIN facility f ON f.id = r.current_hospital_id
       WHERE ${scopeSql}
         AND ($1::boolean IS NULL OR (r.status IN ${OPEN}) = $1)
         AND ($2::text IS NULL OR r.urgency = $2)
       ORDER BY ${s.kind === 'hospital' ? `(mo.outcome = 'pending') DESC,` : ''}
         (r.status IN ${OPEN}) DESC, (r.urgency = 'emergency') DESC, r.respond_by NULLS LAST, r.created_at, r.id
       LIMIT $3`,
      params,
    );
    return rows.map((row) => ({
      referral: toReferral(row),
      hospitalName: row.hospital_name,
      offerToMe:
        row.my_attempt === null || row.my_outcome === null || row.my_respond_by === null
          ? null
          : { attempt: row.my_attempt, outcome: row.my_outcome, respondBy: row.my_respond_by },
    }));
  }
}
