import { randomUUID } from 'node:crypto';
import { MESSAGING_MIGRATIONS } from '@siaga/messaging';
import { isolateTestFile, openTestDataSource } from '@siaga/testing';
import type { DataSource, MigrationInterface } from 'typeorm';
import { InitialSchema1764300000000 } from '@registration/migrations/1764300000000-initial-schema';
import { OverdueFrom1764500000000 } from '@registration/migrations/1764500000000-overdue-from';
import { ReferralOutcome1764800000000 } from '@registration/migrations/1764800000000-referral-outcome';
import { MotherIdentityVersions1765230000000 } from '@registration/migrations/1765230000000-mother-identity-versions';

/** Records made before identities were versioned: each keeps what its mother row held, as version 1. */
describe('mother identity versions migration (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('registration');
  let db: DataSource;
  const run = (migration: MigrationInterface, direction: 'up' | 'down') => db.transaction((m) => migration[direction](m.queryRunner!));

  beforeAll(async () => {
    db = await openTestDataSource(schema);
    for (const Migration of [InitialSchema1764300000000, OverdueFrom1764500000000, ReferralOutcome1764800000000, ...MESSAGING_MIGRATIONS]) {
      await run(new Migration(), 'up');
    }
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('carries every mother over as version 1 of her identity, points her pregnancies at it, and can be undone', async () => {
    const motherId = randomUUID();
    await db.query(
      `INSERT INTO mother (id, nik, name, birth_date, phone, street, village_code, village_name, district_name, regency_name, latitude)
       VALUES ($1, '3510204705960001', 'Ibu Lama', '1996-05-07', '+6281200000001', 'Dusun Krajan', '35.10.20.2001', 'Sempu', 'Sempu',
               'Kabupaten Banyuwangi', -8.29)`,
      [motherId],
    );
    const pregnancies = [randomUUID(), randomUUID()];
    for (const [i, id] of pregnancies.entries()) {
      await db.query(
        `INSERT INTO pregnancy (id, mother_id, status, village_code, health_center_id, midwife_id, hpht, hpl, history, registered_on, registered_at)
         VALUES ($1, $2, $3, '35.10.20.2001', $4, $4, '2025-01-01', '2025-10-08', '{}', '2025-02-01', now())`,
        [id, motherId, i === 0 ? 'closed' : 'active', randomUUID()],
      );
    }

    await run(new MotherIdentityVersions1765230000000(), 'up');
    expect(await db.query('SELECT identity_version FROM mother WHERE id = $1', [motherId])).toEqual([{ identity_version: 1 }]);
    expect(
      await db.query('SELECT version, name, phone, village_name, latitude, recorded_by FROM mother_identity WHERE mother_id = $1', [
        motherId,
      ]),
    ).toEqual([
      {
        version: 1,
        name: 'Ibu Lama',
        phone: '+6281200000001',
        village_name: 'Sempu',
        latitude: -8.29,
        recorded_by: 'migration:mother-identity-versions',
      },
    ]);
    expect(await db.query('SELECT DISTINCT mother_version FROM pregnancy WHERE mother_id = $1', [motherId])).toEqual([
      { mother_version: 1 },
    ]);
    // Her identity now lives in its versions only.
    await expect(db.query('SELECT name FROM mother')).rejects.toThrow(/column "name" does not exist/);
    await expect(db.query('UPDATE pregnancy SET mother_version = 2 WHERE mother_id = $1', [motherId])).rejects.toThrow(/foreign key/);

    await run(new MotherIdentityVersions1765230000000(), 'down');
    expect(await db.query('SELECT name, village_name, latitude FROM mother WHERE id = $1', [motherId])).toEqual([
      { name: 'Ibu Lama', village_name: 'Sempu', latitude: -8.29 },
    ]);
  });
});
