import type { FindingV1, KsprFactorResultV1, RiskCategory } from '@siaga/contracts';
import type { DerivedFacts } from '@risk-scoring/engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every assessment ever made of a pregnancy (append-only history; the latest by position is the current one). */
@Entity('assessment')
export class AssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Insertion order: one pregnancy's writers are serialised by the lock on its facts row. */
  @Column({ type: 'bigint', insert: false, update: false }) position!: number;
  @Column('uuid') pregnancyId!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ type: 'text' }) category!: RiskCategory;
  @Column({ type: 'text', nullable: true }) previousCategory!: RiskCategory | null;
  @Column({ type: 'jsonb' }) factors!: KsprFactorResultV1[];
  @Column({ type: 'jsonb' }) emergencies!: FindingV1[];
  @Column({ type: 'jsonb' }) warnings!: FindingV1[];
  @Column({ type: 'jsonb' }) derived!: DerivedFacts;
  @Column({ type: 'int', nullable: true }) gestationalAgeWeeks!: number | null;
  @Column({ type: 'text' }) ruleSetVersion!: string;
  @Column('uuid') causedByEventId!: string;
  @Column({ type: 'text' }) causedByType!: string;
  @Column({ type: 'bigint' }) causedBySequence!: number;
  /** The moment the rules were applied as of (the causing event's time, or the re-score's). */
  @Column({ type: 'timestamptz' }) asOf!: Date;
  @Column({ type: 'timestamptz' }) assessedAt!: Date;
}
