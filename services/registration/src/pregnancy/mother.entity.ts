import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A woman is one record across all her pregnancies, identified by NIK. Who she is (name, contact, address) is
 * versioned in `mother_identity`: each pregnancy keeps the version it recorded.
 */
@Entity('mother')
export class MotherEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'char', length: 16, unique: true }) nik!: string;
  /** The NIK's district code is not in today's list (accepted, flagged for a human to check). */
  @Column({ type: 'boolean', default: false }) nikDistrictUnverified!: boolean;
  /** Her latest identity version: the one the next change builds on. */
  @Column({ type: 'int' }) identityVersion!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
