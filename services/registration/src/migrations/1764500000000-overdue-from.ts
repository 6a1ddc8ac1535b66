import type { MigrationInterface, QueryRunner } from 'typeorm';

/** "Overdue" follows the shared ANC schedule (libs/contracts anc-schedule): a contact is overdue from its own date. */
export class OverdueFrom1764500000000 implements MigrationInterface {
  name = 'OverdueFrom1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE pregnancy ADD COLUMN overdue_from date NOT NULL DEFAULT 'infinity';
      CREATE INDEX pregnancy_village_overdue ON pregnancy (village_code, status, overdue_from, id);
      CREATE INDEX pregnancy_center_overdue ON pregnancy (health_center_id, status, overdue_from, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pregnancy DROP COLUMN overdue_from`);
  }
}
