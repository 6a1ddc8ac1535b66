import type { AncVisitV1 } from '@siaga/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type VisitFacts = Omit<AncVisitV1, 'visitId' | 'visitDate'>;

@Entity('visit')
@Index(['pregnancyId', 'visitDate'])
export class VisitEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') pregnancyId!: string;
  @Column({ type: 'date' }) visitDate!: string;
  @Column({ type: 'jsonb' }) facts!: VisitFacts;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'text' }) recordedBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt!: Date;
}
