import type { Condition, ObstetricHistoryV1, PregnancyOutcome, RiskCategory } from '@siaga/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { BirthPlan } from './birth-plan';
import { MotherIdentityEntity } from './mother-identity.entity';

export type PregnancyStatus = 'active' | 'closed';

/** PostgreSQL's date 'infinity': no contact is due. */
export const NOTHING_DUE = 'infinity';

@Entity('pregnancy')
export class PregnancyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') motherId!: string;
  /** The version of her identity this pregnancy recorded; moves only while it is active (her corrections). */
  @Column('int') motherVersion!: number;
  @ManyToOne(() => MotherIdentityEntity, { eager: true })
  @JoinColumn([
    { name: 'mother_id', referencedColumnName: 'motherId' },
    { name: 'mother_version', referencedColumnName: 'version' },
  ])
  identity!: MotherIdentityEntity;
  @Column({ type: 'text' }) status!: PregnancyStatus;
  /** Copied from the mother's address: the scope key of every access check and caseload query. */
  @Column({ type: 'text' }) villageCode!: string;
  @Column('uuid') healthCenterId!: string;
  @Column('uuid') midwifeId!: string;
  @Column({
    type: 'numeric',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  heightCm!: number | null;
  @Column({ type: 'date' }) hpht!: string;
  @Column({ type: 'date' }) hpl!: string;
  @Column({ type: 'jsonb' }) history!: ObstetricHistoryV1;
  @Column({ type: 'text', array: true }) conditions!: Condition[];
  @Column({ type: 'jsonb', nullable: true }) birthPlan!: BirthPlan | null;
  @Column({ type: 'int', default: 0 }) visitCount!: number;
  @Column({ type: 'date', nullable: true }) lastVisitDate!: string | null;
  /** Precomputed from the ANC schedule so "overdue" is an indexed comparison, not a scan. */
  @Column({ type: 'date' }) nextVisitDue!: string; // 'infinity' when nothing is due
  /** The day the next contact becomes overdue (shared ANC schedule); 'infinity' when nothing is due. */
  @Column({ type: 'date' }) overdueFrom!: string;
  @Column({ type: 'text', nullable: true }) riskCategory!: RiskCategory | null;
  @Column({ type: 'int', nullable: true }) riskScore!: number | null;
  @Column({ type: 'boolean', default: false }) hasEmergency!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) assessedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) outcome!: PregnancyOutcome | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) closingNote!: string | null;
  /** Where a completed referral brought her (from the referral service). */
  @Column({ type: 'uuid', nullable: true }) referralId!: string | null;
  @Column({ type: 'uuid', nullable: true }) referredToHospitalId!: string | null;
  @Column({ type: 'text', nullable: true }) referredToHospitalName!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) arrivedAtHospitalAt!: Date | null;
  @Column({ type: 'date' }) registeredOn!: string;
  @Column({ type: 'timestamptz' }) registeredAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
