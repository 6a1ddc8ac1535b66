import { Injectable } from '@nestjs/common';
import type { FacilityCapability } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { GeoBox } from '@referral/geo/haversine';
import type { Facility, FacilityInput, FacilityKind, Responder, ResponderInput, ResponderKind, Village } from './registry.types';

interface FacilityRow {
  id: string;
  kind: FacilityKind;
  name: string;
  address: string | null;
  village_code: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  capabilities: FacilityCapability[];
  served_areas: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface ResponderRow {
  id: string;
  kind: ResponderKind;
  name: string;
  organisation: string | null;
  phone: string | null;
  village_codes: string[];
  latitude: number | null;
  longitude: number | null;
  on_duty: boolean;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface VillageRow {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
  latitude: number | null;
  longitude: number | null;
}

const toFacility = (r: FacilityRow): Facility => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  address: r.address,
  villageCode: r.village_code,
  latitude: r.latitude,
  longitude: r.longitude,
  phone: r.phone,
  capabilities: r.capabilities,
  servedAreas: r.served_areas,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const toResponder = (r: ResponderRow): Responder => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  organisation: r.organisation,
  phone: r.phone,
  villageCodes: r.village_codes,
  latitude: r.latitude,
  longitude: r.longitude,
  onDuty: r.on_duty,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const toVillage = (r: VillageRow): Village => ({
  code: r.code,
  name: r.name,
  districtCode: r.district_code,
  districtName: r.district_name,
  latitude: r.latitude,
  longitude: r.longitude,
});

const UPSERT_FACILITY_SQL = `
INSERT INTO facility (id, kind, name, address, village_code, latitude, longitude, phone, capabilities, served_areas, active)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11)
ON CONFLICT (id) DO UPDATE SET
  kind = EXCLUDED.kind, name = EXCLUDED.name, address = EXCLUDED.address, village_code = EXCLUDED.village_code,
  latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, phone = EXCLUDED.phone,
  capabilities = EXCLUDED.capabilities, served_areas = EXCLUDED.served_areas, active = EXCLUDED.active,
  updated_at = now()
RETURNING *`;

const UPSERT_RESPONDER_SQL = `
INSERT INTO responder (id, kind, name, organisation, phone, village_codes, latitude, longitude, on_duty, active)
VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10)
ON CONFLICT (id) DO UPDATE SET
  kind = EXCLUDED.kind, name = EXCLUDED.name, organisation = EXCLUDED.organisation, phone = EXCLUDED.phone,
  village_codes = EXCLUDED.village_codes, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
  on_duty = EXCLUDED.on_duty, active = EXCLUDED.active, updated_at = now()
RETURNING *`;

const UPSERT_VILLAGE_SQL = `
INSERT INTO village (code, name, district_code, district_name, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
  district_name = EXCLUDED.district_name, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude
RETURNING *`;

/** The only door to facilities, responders and villages in the database. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly tx: TransactionContext) {}

  async upsertFacility(f: FacilityInput): Promise<Facility> {
    const [row] = await queryRows<FacilityRow>(this.tx.manager, UPSERT_FACILITY_SQL, [
      f.id,
      f.kind,
      f.name,
      f.address,
      f.villageCode,
      f.latitude,
      f.longitude,
      f.phone,
      f.capabilities,
      f.servedAreas,
      f.active,
    ]);
    return toFacility(row);
  }

  async findFacility(id: string): Promise<Facility | null> {
    const rows = await queryRows<FacilityRow>(this.tx.manager, 'SELECT * FROM facility WHERE id = $1', [id]);
    return rows.length === 0 ? null : toFacility(rows[0]);
  }

  async listFacilities(filter: { kind?: FacilityKind; activeOnly?: boolean }): Promise<Facility[]> {
    const rows = await queryRows<FacilityRow>(
      this.tx.manager,
      `SELECT * FROM facility WHERE ($1::text IS NULL OR kind = $1) AND (NOT $2 OR active) ORDER BY kind, name, id`,
      [filter.kind ?? null, filter.activeOnly ?? false],
    );
    return rows.map(toFacility);
  }

  /** Every active hospital: the candidates of hospital selection (a regency has tens, not thousands). */
  async activeHospitals(): Promise<Facility[]> {
    const rows = await queryRows<FacilityRow>(this.tx.manager, `SELECT * FROM facility WHERE kind = 'hospital' AND active ORDER BY id`);
    return rows.map(toFacility);
  }

  async upsertResponder(r: ResponderInput): Promise<Responder> {
    const [row] = await queryRows<ResponderRow>(this.tx.manager, UPSERT_RESPONDER_SQL, [
      r.id,
      r.kind,
      r.name,
      r.organisation,
      r.phone,
      r.villageCodes,
      r.latitude,
      r.longitude,
      r.onDuty,
      r.active,
    ]);
    return toResponder(row);
  }

  async findResponder(id: string): Promise<Responder | null> {
    const rows = await queryRows<ResponderRow>(this.tx.manager, 'SELECT * FROM responder WHERE id = $1', [id]);
    return rows.length === 0 ? null : toResponder(rows[0]);
  }

  async findResponders(ids: readonly string[]): Promise<Responder[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<ResponderRow>(this.tx.manager, 'SELECT * FROM responder WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map(toResponder);
  }

  async listResponders(filter: { villageCode?: string; onDuty?: boolean }): Promise<Responder[]> {
    const rows = await queryRows<ResponderRow>(
      this.tx.manager,
      `SELECT * FROM responder WHERE ($1::text IS NULL OR $1 = ANY(village_codes)) AND ($2::boolean IS NULL OR on_duty = $2)
       ORDER BY name, id`,
      [filter.villageCode ?? null, filter.onDuty ?? null],
    );
    return rows.map(toResponder);
  }

  /**
   * On-duty, active responders who could take an escort from this village: covering it or another village
   * of its district (village codes are fixed width, so the first 8 characters are the district), or
   * stationed inside a box around the pickup. Responder selection decides the waves from these.
   */
  async onDutyCandidates(districtCode: string, box: GeoBox | null): Promise<Responder[]> {
    const rows = await queryRows<ResponderRow>(
      this.tx.manager,
      `SELECT * FROM responder WHERE active AND on_duty AND (
         EXISTS (SELECT 1 FROM unnest(village_codes) v WHERE left(v, 8) = $1)
         OR ($2::float8 IS NOT NULL AND latitude BETWEEN $2 AND $3 AND longitude BETWEEN $4 AND $5))
       ORDER BY id`,
      [districtCode, box?.minLat ?? null, box?.maxLat ?? null, box?.minLng ?? null, box?.maxLng ?? null],
    );
    return rows.map(toResponder);
  }

  async setDuty(id: string, onDuty: boolean, latitude: number | null, longitude: number | null): Promise<Responder | null> {
    const rows = await queryRows<ResponderRow>(
      this.tx.manager,
      // In a CTE: TypeORM hands back [rows, count] for a bare UPDATE ... RETURNING.
      `WITH changed AS (
         UPDATE responder SET on_duty = $2, latitude = COALESCE($3, latitude), longitude = COALESCE($4, longitude), updated_at = now()
         WHERE id = $1 RETURNING *)
       SELECT * FROM changed`,
      [id, onDuty, latitude, longitude],
    );
    return rows.length === 0 ? null : toResponder(rows[0]);
  }

  async upsertVillage(v: Village): Promise<Village> {
    const [row] = await queryRows<VillageRow>(this.tx.manager, UPSERT_VILLAGE_SQL, [
      v.code,
      v.name,
      v.districtCode,
      v.districtName,
      v.latitude,
      v.longitude,
    ]);
    return toVillage(row);
  }

  async findVillage(code: string): Promise<Village | null> {
    const rows = await queryRows<VillageRow>(this.tx.manager, 'SELECT * FROM village WHERE code = $1', [code]);
    return rows.length === 0 ? null : toVillage(rows[0]);
  }

  async listVillages(districtCode?: string): Promise<Village[]> {
    const rows = await queryRows<VillageRow>(
      this.tx.manager,
      'SELECT * FROM village WHERE $1::text IS NULL OR district_code = $1 ORDER BY code',
      [districtCode ?? null],
    );
    return rows.map(toVillage);
  }
}
