import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { districtCodeOf } from '@referral/geo/wilayah';
import type { DutyDto, FacilityDto, ResponderDto, VillageDto } from './registry.dto';
import { RegistryErrorCode, RegistryException } from './registry.exception';
import { RegistryRepository } from './registry.repository';
import type { Facility, Responder, Village } from './registry.types';
import { enrolmentOf } from './responder-enrolment';

/** Facilities, responders and villages: managed by admins, read by the people who route referrals. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly audit: AccessAudit,
  ) {}

  async listFacilities(actor: Actor, kind: Facility['kind'] | undefined): Promise<Facility[]> {
    await this.audit.record({ actor, action: 'facility.list', outcome: 'allowed' });
    // Only admins see inactive facilities.
    return this.registry.listFacilities({ kind, activeOnly: actor.role !== 'admin' });
  }

  async getFacility(actor: Actor, id: string): Promise<Facility> {
    await this.audit.record({ actor, action: 'facility.read', outcome: 'allowed' });
    const facility = await this.registry.findFacility(id);
    if (!facility) throw new RegistryException(RegistryErrorCode.FacilityNotFound, `No facility ${id}`);
    return facility;
  }

  async putFacility(actor: Actor, id: string | null, dto: FacilityDto): Promise<Facility> {
    if ((dto.latitude === undefined) !== (dto.longitude === undefined)) {
      throw RegistryException.implausible('latitude', 'give both latitude and longitude, or neither');
    }
    await this.audit.record({ actor, action: id ? 'facility.update' : 'facility.create', outcome: 'allowed' });
    return this.registry.upsertFacility({
      id: id ?? randomUUID(),
      kind: dto.kind,
      name: dto.name,
      address: dto.address ?? null,
      villageCode: dto.villageCode ?? null,
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
      phone: dto.phone ?? null,
      capabilities: [...new Set(dto.capabilities)],
      servedAreas: [...new Set(dto.servedAreas)],
      active: dto.active ?? true,
    });
  }

  async listResponders(actor: Actor, villageCode: string | undefined): Promise<Responder[]> {
    await this.audit.record({ actor, action: 'responder.list', outcome: 'allowed' });
    return this.registry.listResponders({ villageCode });
  }

  async getResponder(actor: Actor, id: string): Promise<Responder> {
    await this.audit.record({ actor, action: 'responder.read', outcome: 'allowed' });
    const responder = await this.registry.findResponder(id);
    if (!responder) throw new RegistryException(RegistryErrorCode.ResponderNotFound, `No responder ${id}`);
    return responder;
  }

  async putResponder(actor: Actor, id: string | null, dto: ResponderDto): Promise<Responder> {
    if ((dto.latitude === undefined) !== (dto.longitude === undefined)) {
      throw RegistryException.implausible('latitude', 'give both latitude and longitude, or neither');
    }
    await this.audit.record({ actor, action: id ? 'responder.update' : 'responder.create', outcome: 'allowed' });
    return this.registry.upsertResponder({
      id: id ?? randomUUID(),
      kind: dto.kind,
      name: dto.name,
      organisation: dto.organisation ?? null,
      phone: dto.phone ?? null,
      villageCodes: [...new Set(dto.villageCodes)],
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
      onDuty: dto.onDuty ?? false,
      active: dto.active ?? true,
    });
  }

  /** An escort's own record: the token names it. An account made in Keycloak is enrolled on its first call. */
  async myResponder(actor: Actor): Promise<Responder> {
    const id = this.ownResponderId(actor);
    await this.audit.record({ actor, action: 'responder.read-own', outcome: 'allowed' });
    return (await this.registry.findResponder(id)) ?? this.enrol(actor, id);
  }

  async setMyDuty(actor: Actor, dto: DutyDto): Promise<Responder> {
    const id = this.ownResponderId(actor);
    if ((dto.latitude === undefined) !== (dto.longitude === undefined)) {
      throw RegistryException.implausible('latitude', 'give both latitude and longitude, or neither');
    }
    await this.audit.record({ actor, action: 'responder.duty', outcome: 'allowed' });
    const updated = await this.registry.setDuty(id, dto.onDuty, dto.latitude ?? null, dto.longitude ?? null);
    if (updated) return updated;
    await this.enrol(actor, id);
    return (await this.registry.setDuty(id, dto.onDuty, dto.latitude ?? null, dto.longitude ?? null))!;
  }

  /** One staff directory: the escort's account, made once in the identity provider, becomes its registry record. */
  private async enrol(actor: Actor, id: string): Promise<Responder> {
    const enrolment = enrolmentOf(actor);
    if (!enrolment) {
      throw new RegistryException(
        RegistryErrorCode.ResponderNotFound,
        `Your responder record ${id} is not registered, and your account names no responder kind to enrol it with`,
      );
    }
    await this.audit.record({ actor, action: 'responder.enrol', outcome: 'allowed' });
    return this.registry.insertResponderIfAbsent(enrolment);
  }

  listVillages(districtCode: string | undefined): Promise<Village[]> {
    return this.registry.listVillages(districtCode);
  }

  async putVillage(actor: Actor, code: string, dto: VillageDto): Promise<Village> {
    if ((dto.latitude === undefined) !== (dto.longitude === undefined)) {
      throw RegistryException.implausible('latitude', 'give both latitude and longitude, or neither');
    }
    await this.audit.record({ actor, action: 'village.update', outcome: 'allowed' });
    return this.registry.upsertVillage({
      code,
      name: dto.name,
      districtCode: districtCodeOf(code),
      districtName: dto.districtName,
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
    });
  }

  private ownResponderId(actor: Actor): string {
    if (!actor.responderId) throw new RegistryException(RegistryErrorCode.NotYourRecord, 'Your token names no responder');
    return actor.responderId;
  }
}
