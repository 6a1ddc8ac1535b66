import type { PregnancyOutcome, PregnancySnapshotV1 } from '@siaga/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FactsStatus } from './pregnancy-facts';

/** One row per pregnancy seen on registration's topic (visits are in visit_facts, keyed by visit id). */
@Entity('pregnancy_facts')
export class PregnancyFactsEntity {
  @PrimaryColumn('uuid') pregnancyId!: string;
  @Column({ type: 'jsonb', nullable: true }) snapshot!: PregnancySnapshotV1 | null;
  @Column({ type: 'bigint' }) snapshotSequence!: number;
  /** Copied from the snapshot: the scope keys of every access check. */
  @Column({ type: 'text', nullable: true }) villageCode!: string | null;
  @Column({ type: 'uuid', nullable: true }) healthCenterId!: string | null;
  @Column({ type: 'text' }) status!: FactsStatus;
  @Column({ type: 'text', nullable: true }) outcome!: PregnancyOutcome | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'bigint' }) lastSequence!: number;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
