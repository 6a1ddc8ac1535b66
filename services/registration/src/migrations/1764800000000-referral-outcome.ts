import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where she went: the hospital a completed referral brought her to (from the referral service). */
export class ReferralOutcome1764800000000 implements MigrationInterface {
  name = 'ReferralOutcome1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE pregnancy
        ADD COLUMN referral_id uuid,
        ADD COLUMN referred_to_hospital_id uuid,
        ADD COLUMN referred_to_hospital_name text,
        ADD COLUMN arrived_at_hospital_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE pregnancy DROP COLUMN referral_id, DROP COLUMN referred_to_hospital_id,
        DROP COLUMN referred_to_hospital_name, DROP COLUMN arrived_at_hospital_at;
    `);
  }
}
