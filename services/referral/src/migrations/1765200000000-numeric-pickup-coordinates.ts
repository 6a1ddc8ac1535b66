import type { MigrationInterface, QueryRunner } from 'typeorm';

const NUMBER = String.raw`^[+-]?[0-9]+(\.[0-9]+)?$`;

/**
 * Pickup coordinates sent as strings ("-8.32") were stored as given until the API refused them (issue 13), and every
 * distance computed from them failed: no hospital could accept such a referral. A number they become; anything
 * else is dropped (the village centre stands in, as for a pickup without GPS).
 */
export class NumericPickupCoordinates1765200000000 implements MigrationInterface {
  name = 'NumericPickupCoordinates1765200000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['referral', 'escort']) {
      for (const key of ['latitude', 'longitude']) {
        await db.query(
          `UPDATE ${table} SET pickup = CASE
             WHEN pickup->>'${key}' ~ '${NUMBER}' THEN jsonb_set(pickup, '{${key}}', to_jsonb((pickup->>'${key}')::double precision))
             ELSE pickup - '${key}' END
           WHERE jsonb_typeof(pickup->'${key}') <> 'number'`,
        );
      }
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: the numbers are what the strings meant.
  }
}
