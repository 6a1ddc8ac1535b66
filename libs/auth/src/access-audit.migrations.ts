import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACCESS_AUDIT_RESOURCE_DOWN, ACCESS_AUDIT_RESOURCE_UP } from './access-audit';

/** A denied `/referrals/:id` no longer puts the referral id in the pregnancy column: it goes in `resource`. */
export class AccessAuditResource1765313000000 implements MigrationInterface {
  name = 'AccessAuditResource1765313000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(ACCESS_AUDIT_RESOURCE_UP);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(ACCESS_AUDIT_RESOURCE_DOWN);
  }
}

/** Changes to access_audit after ACCESS_AUDIT_TABLE_UP: every service lists them after its initial schema. */
export const ACCESS_AUDIT_MIGRATIONS = [AccessAuditResource1765313000000];
