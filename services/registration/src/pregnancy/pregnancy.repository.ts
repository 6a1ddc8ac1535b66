import { Injectable } from '@nestjs/common';
import type { RiskCategory } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { ScopedPregnancy } from '@registration/access/pregnancy-access';
import { MotherIdentityEntity } from './mother-identity.entity';
import { MotherEntity } from './mother.entity';
import { PregnancyEntity } from './pregnancy.entity';

/** Risk scoring's latest word on one pregnancy, as the caseload shows it. */
export interface LatestRisk {
  readonly pregnancyId: string;
  readonly category: RiskCategory;
  readonly score: number;
  readonly hasEmergency: boolean;
  readonly assessedAt: Date;
}

/** What recording a visit reads of the pregnancy it locks: scope, state and schedule, no mother. */
export type VisitTarget = Pick<
  PregnancyEntity,
  'id' | 'status' | 'outcome' | 'villageCode' | 'healthCenterId' | 'hpht' | 'lastVisitDate' | 'visitCount'
>;

const LOCK_VISIT_TARGETS_SQL = `
SELECT id, status, outcome, village_code AS "villageCode", health_center_id AS "healthCenterId", hpht::text AS hpht,
       last_visit_date::text AS "lastVisitDate", visit_count AS "visitCount"
FROM pregnancy WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

/** Where a completed referral brought her. */
export type ReferralOutcome = Pick<
  PregnancyEntity,
  'referralId' | 'referredToHospitalId' | 'referredToHospitalName' | 'arrivedAtHospitalAt'
>;

const RECORD_REFERRAL_OUTCOME_SQL = `
UPDATE pregnancy SET referral_id = $2, referred_to_hospital_id = $3, referred_to_hospital_name = $4, arrived_at_hospital_at = $5,
       updated_at = now(), version = version + 1
WHERE id = $1`;

// One statement per chunk of assessments; the caller passes each pregnancy once (her latest).
const APPLY_RISKS_SQL = `
UPDATE pregnancy p SET risk_category = r.category, risk_score = r.score, has_emergency = r.has_emergency,
       assessed_at = r.assessed_at, updated_at = now(), version = p.version + 1
FROM unnest($1::uuid[], $2::text[], $3::int[], $4::boolean[], $5::timestamptz[]) AS r(id, category, score, has_emergency, assessed_at)
WHERE p.id = r.id`;

/** The only door to mothers and pregnancies in the database. */
@Injectable()
export class PregnancyRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** `lock`: row-locked until commit, so two changes of her identity cannot take the same version number. */
  findMotherByNik(nik: string, lock = false): Promise<MotherEntity | null> {
    return this.tx.manager.findOne(MotherEntity, { where: { nik }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Her identity as it stands now (her latest version). */
  findIdentity(motherId: string, version: number): Promise<MotherIdentityEntity | null> {
    return this.tx.manager.findOne(MotherIdentityEntity, { where: { motherId, version } });
  }

  /** Versions are only ever added (the table refuses updates). */
  async insertIdentity(identity: MotherIdentityEntity): Promise<void> {
    await this.tx.manager.insert(MotherIdentityEntity, identity);
  }

  findActiveByMother(motherId: string): Promise<PregnancyEntity | null> {
    return this.tx.manager.findOne(PregnancyEntity, { where: { motherId, status: 'active' } });
  }

  /** Just what an access decision needs. */
  async findScope(id: string): Promise<ScopedPregnancy | null> {
    const rows = await queryRows<ScopedPregnancy>(
      this.tx.manager,
      'SELECT id, village_code AS "villageCode", health_center_id AS "healthCenterId" FROM pregnancy WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  findById(id: string): Promise<PregnancyEntity | null> {
    return this.tx.manager.findOne(PregnancyEntity, { where: { id } });
  }

  /** Loads and locks the row for the rest of the transaction: visits and updates of one pregnancy go one at a time. */
  findByIdForUpdate(id: string): Promise<PregnancyEntity | null> {
    return this.tx.manager
      .createQueryBuilder(PregnancyEntity, 'p')
      .innerJoinAndSelect('p.identity', 'identity')
      .innerJoinAndSelect('identity.mother', 'mother')
      .setLock('pessimistic_write', undefined, ['p'])
      .where('p.id = :id', { id })
      .getOne();
  }

  /**
   * Like findByIdForUpdate, for visits: the few columns they need, in plain SQL (the hot path of every visit).
   * Rows are locked in id order, so two transactions locking overlapping sets cannot deadlock on them.
   */
  async lockVisitTargets(ids: readonly string[]): Promise<Map<string, VisitTarget>> {
    const rows = await queryRows<VisitTarget>(this.tx.manager, LOCK_VISIT_TARGETS_SQL, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async saveMother(mother: MotherEntity): Promise<void> {
    await this.tx.manager.save(MotherEntity, mother);
  }

  async savePregnancy(pregnancy: PregnancyEntity): Promise<void> {
    await this.tx.manager.save(PregnancyEntity, pregnancy);
  }

  /** One UPDATE, not a load and a save; a pregnancy this registration does not know is left alone. */
  async recordReferralOutcome(id: string, outcome: ReferralOutcome): Promise<void> {
    await this.tx.manager.query(RECORD_REFERRAL_OUTCOME_SQL, [
      id,
      outcome.referralId,
      outcome.referredToHospitalId,
      outcome.referredToHospitalName,
      outcome.arrivedAtHospitalAt?.toISOString() ?? null,
    ]);
  }

  /** Pregnancies this registration does not know (e.g. a preview) are left alone. */
  async applyLatestRisks(risks: readonly LatestRisk[]): Promise<void> {
    if (risks.length === 0) return;
    await this.tx.manager.query(APPLY_RISKS_SQL, [
      risks.map((r) => r.pregnancyId),
      risks.map((r) => r.category),
      risks.map((r) => r.score),
      risks.map((r) => r.hasEmergency),
      risks.map((r) => r.assessedAt.toISOString()),
    ]);
  }
}
