import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A woman is one record across all her pregnancies, identified by NIK. */
@Entity('mother')
export class MotherEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'char', length: 16, unique: true }) nik!: string;
  /** The NIK's district code is not in today's list (accepted, flagged for a human to check). */
  @Column({ type: 'boolean', default: false }) nikDistrictUnverified!: boolean;
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
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
