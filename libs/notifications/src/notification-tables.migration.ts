import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NOTIFICATION_TABLES_DOWN, NOTIFICATION_TABLES_UP } from './notification-tables';

/**
 * The notification tables for a service whose initial schema had none (registration, risk scoring): every service
 * can now notify, at least the dead-letter alarm (alerts and referral create them in their initial schema).
 */
export class NotificationTables1765213200000 implements MigrationInterface {
  name = 'NotificationTables1765213200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(NOTIFICATION_TABLES_UP);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(NOTIFICATION_TABLES_DOWN);
  }
}
