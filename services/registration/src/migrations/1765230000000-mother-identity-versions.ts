import type { MigrationInterface, QueryRunner } from 'typeorm';

const IDENTITY_COLUMNS = 'name, birth_date, phone, street, village_code, village_name, district_name, regency_name, latitude, longitude';

/**
 * Who a woman is becomes versioned: one mother row was shared by all her pregnancies, so a registration at another
 * place rewrote the name and village a closed pregnancy had recorded. Each pregnancy now points at the identity
 * version of its time; versions are append-only. Existing records start at version 1 (what the row holds now).
 */
export class MotherIdentityVersions1765230000000 implements MigrationInterface {
  name = 'MotherIdentityVersions1765230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mother_identity (
        mother_id uuid NOT NULL REFERENCES mother (id),
        version int NOT NULL CHECK (version > 0),
        name text NOT NULL,
        birth_date date NOT NULL,
        phone text NOT NULL,
        street text NOT NULL,
        village_code text NOT NULL,
        village_name text NOT NULL,
        district_name text NOT NULL,
        regency_name text NOT NULL,
        latitude double precision,
        longitude double precision,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        pregnancy_id uuid,
        PRIMARY KEY (mother_id, version)
      );
      CREATE FUNCTION mother_identity_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'mother_identity is append-only: a change is a new version';
      END $$;
      CREATE TRIGGER mother_identity_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON mother_identity
        FOR EACH STATEMENT EXECUTE FUNCTION mother_identity_is_append_only();

      INSERT INTO mother_identity (mother_id, version, ${IDENTITY_COLUMNS}, recorded_at, recorded_by)
      SELECT id, 1, ${IDENTITY_COLUMNS}, created_at, 'migration:mother-identity-versions' FROM mother;
      ALTER TABLE mother ADD COLUMN identity_version int NOT NULL DEFAULT 1;
      ALTER TABLE mother ALTER COLUMN identity_version DROP DEFAULT;

      ALTER TABLE pregnancy ADD COLUMN mother_version int NOT NULL DEFAULT 1;
      ALTER TABLE pregnancy ALTER COLUMN mother_version DROP DEFAULT;
      ALTER TABLE pregnancy ADD CONSTRAINT pregnancy_mother_identity_fk
        FOREIGN KEY (mother_id, mother_version) REFERENCES mother_identity (mother_id, version);

      ALTER TABLE mother DROP COLUMN name, DROP COLUMN birth_date, DROP COLUMN phone, DROP COLUMN street,
        DROP COLUMN village_code, DROP COLUMN village_name, DROP COLUMN district_name, DROP COLUMN regency_name,
        DROP COLUMN latitude, DROP COLUMN longitude;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mother ADD COLUMN name text, ADD COLUMN birth_date date, ADD COLUMN phone text, ADD COLUMN street text,
        ADD COLUMN village_code text, ADD COLUMN village_name text, ADD COLUMN district_name text, ADD COLUMN regency_name text,
        ADD COLUMN latitude double precision, ADD COLUMN longitude double precision;
      UPDATE mother m SET (${IDENTITY_COLUMNS}) = (SELECT ${IDENTITY_COLUMNS} FROM mother_identity i
        WHERE i.mother_id = m.id AND i.version = m.identity_version);
      ALTER TABLE mother ALTER COLUMN name SET NOT NULL, ALTER COLUMN birth_date SET NOT NULL, ALTER COLUMN phone SET NOT NULL,
        ALTER COLUMN street SET NOT NULL, ALTER COLUMN village_code SET NOT NULL, ALTER COLUMN village_name SET NOT NULL,
        ALTER COLUMN district_name SET NOT NULL, ALTER COLUMN regency_name SET NOT NULL;
      ALTER TABLE pregnancy DROP CONSTRAINT pregnancy_mother_identity_fk, DROP COLUMN mother_version;
      ALTER TABLE mother DROP COLUMN identity_version;
      DROP TABLE mother_identity;
      DROP FUNCTION mother_identity_is_append_only();
    `);
  }
}
