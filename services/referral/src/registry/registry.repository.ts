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

const ENROL_RESPONDER_SQL = `
INSERT INTO responder (id, kind, name, organisation, phone, village_codes, latitude, longitude, on_duty, active)
VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10)
ON CONFLICT (id) DO NOTHING`;

const UPSERT_VILLAGE_SQL = `
INSERT INTO village (code, name, district_code, district_name, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
  district_name = EXCLUDED.district_name, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude
RETURNING *`;

/** A lookup by key: its one row, or null when there is none. */
const firstOrNull = <T>(items: readonly T[]): T | null => (items.length === 0 ? null : items[0]);

/** The only door to facilities, responders and villages in the database. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly tx: TransactionContext) {}

  async upsertFacility(f: FacilityInput): Promise<Facility> {
    const [facility] = await this.facilities(UPSERT_FACILITY_SQL, [
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
    return facility;
  }

  async findFacility(id: string): Promise<Facility | null> {
    return firstOrNull(await this.facilities('SELECT * FROM facility WHERE id = $1', [id]));
  }

  async listFacilities(filter: { kind?: FacilityKind; activeOnly?: boolean }): Promise<Facility[]> {
    return this.facilities(`SELECT * FROM facility WHERE ($1::text IS NULL OR kind = $1) AND (NOT $2 OR active) ORDER BY kind, name, id`, [
      filter.kind ?? null,
      filter.activeOnly ?? false,
    ]);
  }

  /** Every active hospital: the candidates of hospital selection (a regency has tens, not thousands). */
  async activeHospitals(): Promise<Facility[]> {
    return this.facilities(`SELECT * FROM facility WHERE kind = 'hospital' AND active ORDER BY id`);
  }

  async upsertResponder(r: ResponderInput): Promise<Responder> {
    const [responder] = await this.responders(UPSERT_RESPONDER_SQL, [
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
    return responder;
  }

  /** Adds the responder unless its id is taken (two first calls at once, or an admin was quicker); then reads it. */
  async insertResponderIfAbsent(r: ResponderInput): Promise<Responder> {
    await this.tx.manager.query(ENROL_RESPONDER_SQL, [
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
    return (await this.findResponder(r.id))!;
  }

  async findResponder(id: string): Promise<Responder | null> {
    return firstOrNull(await this.responders('SELECT * FROM responder WHERE id = $1', [id]));
  }

  async findResponders(ids: readonly string[]): Promise<Responder[]> {
    if (ids.length === 0) return [];
    return this.responders('SELECT * FROM responder WHERE id = ANY($1::uuid[])', [ids]);
  }

  async listResponders(filter: { villageCode?: string; onDuty?: boolean }): Promise<Responder[]> {
    return this.responders(
      `SELECT * FROM responder WHERE ($1::text IS NULL OR $1 = ANY(village_codes)) AND ($2::boolean IS NULL OR on_duty = $2)
       ORDER BY name, id`,
      [filter.villageCode ?? null, filter.onDuty ?? null],
    );
  }

  /**
   * On-duty, active responders who could take an escort from this village: covering it or another village
   * of its district (village codes are fixed width, so the first 8 characters are the district), or
   * stationed inside a box around the pickup. Responder selection decides the waves from these.
   */
  async onDutyCandidates(districtCode: string, box: GeoBox | null): Promise<Responder[]> {
    return this.responders(
      `SELECT * FROM responder WHERE active AND on_duty AND (
         EXISTS (SELECT 1 FROM unnest(village_codes) v WHERE left(v, 8) = $1)
         OR ($2::float8 IS NOT NULL AND latitude BETWEEN $2 AND $3 AND longitude BETWEEN $4 AND $5))
       ORDER BY id`,
      [districtCode, box?.minLat ?? null, box?.maxLat ?? null, box?.minLng ?? null, box?.maxLng ?? null],
    );
  }

  async setDuty(id: string, onDuty: boolean, latitude: number | null, longitude: number | null): Promise<Responder | null> {
    const changed = await this.responders(
      // In a CTE: TypeORM hands back [rows, count] for a bare UPDATE ... RETURNING.
      `WITH changed AS (
         UPDATE responder SET on_duty = $2, latitude = COALESCE($3, latitude), longitude = COALESCE($4, longitude), updated_at = now()
         WHERE id = $1 RETURNING *)
       SELECT * FROM changed`,
      [id, onDuty, latitude, longitude],
    );
    return firstOrNull(changed);
  }

  async upsertVillage(v: Village): Promise<Village> {
    const [village] = await this.villages(UPSERT_VILLAGE_SQL, [v.code, v.name, v.districtCode, v.districtName, v.latitude, v.longitude]);
    return village;
  }

  async findVillage(code: string): Promise<Village | null> {
    return firstOrNull(await this.villages('SELECT * FROM village WHERE code = $1', [code]));
  }

  async listVillages(districtCode?: string): Promise<Village[]> {
    return this.villages('SELECT * FROM village WHERE $1::text IS NULL OR district_code = $1 ORDER BY code', [districtCode ?? null]);
  }

  // Every read of a row type maps through its one function, whichever query found the rows.

  private async facilities(sql: string, parameters?: unknown[]): Promise<Facility[]> {
    return (await queryRows<FacilityRow>(this.tx.manager, sql, parameters)).map(toFacility);
  }

  private async responders(sql: string, parameters?: unknown[]): Promise<Responder[]> {
    return (await queryRows<ResponderRow>(this.tx.manager, sql, parameters)).map(toResponder);
  }

  private async villages(sql: string, parameters?: unknown[]): Promise<Village[]> {
    return (await queryRows<VillageRow>(this.tx.manager, sql, parameters)).map(toVillage);
  }
}
