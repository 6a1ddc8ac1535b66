import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MotherEntity } from './mother.entity';

/**
 * One version of who a woman is, as one registration or correction stated it. Append-only (a trigger refuses
 * updates and deletes): a pregnancy points at the version of its time, so a later registration elsewhere cannot
 * rewrite what a closed pregnancy recorded.
 */
@Entity('mother_identity')
export class MotherIdentityEntity {
  @PrimaryColumn('uuid') motherId!: string;
  @PrimaryColumn('int') version!: number;
  @ManyToOne(() => MotherEntity, { eager: true })
  @JoinColumn({ name: 'mother_id' })
  mother!: MotherEntity;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'date' }) birthDate!: string;
  @Column({ type: 'text' }) phone!: string;
  @Column({ type: 'text' }) street!: string;
  @Column({ type: 'text' }) villageCode!: string;
  @Column({ type: 'text' }) villageName!: string;
  @Column({ type: 'text' }) districtName!: string;
  @Column({ type: 'text' }) regencyName!: string;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ type: 'timestamptz' }) recordedAt!: Date;
  /** Who stated it (user id). */
  @Column({ type: 'text' }) recordedBy!: string;
  /** The pregnancy whose registration or correction stated it (null: carried over when versions began). */
  @Column({ type: 'uuid', nullable: true }) pregnancyId!: string | null;
}
