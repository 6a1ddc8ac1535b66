import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import { dueDateFromHpht } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { TransactionContext, isUniqueViolation, type Settled } from '@siaga/persistence';
import { PregnancyAccess, type PregnancyAction } from '@registration/access/pregnancy-access';
import { checkNik } from '@registration/nik/nik';
import { contactSchedule } from './contact-schedule';
import { changedFields, IDENTITY_FIELDS, statedOf, type StatedIdentity } from './mother-identity';
import { MotherIdentityEntity } from './mother-identity.entity';
import { MotherEntity } from './mother.entity';
import { assertPlausibleRegistration } from './plausibility';
import type { ClosePregnancyDto, RegisterPregnancyDto, UpdatePregnancyDto } from './pregnancy.dto';
import { NOTHING_DUE, type PregnancyEntity } from './pregnancy.entity';
import { PregnancyErrorCode, PregnancyException } from './pregnancy.exception';
import { PregnancyRepository, type VisitTarget } from './pregnancy.repository';
import { toPregnancyView, toSnapshot, type PregnancyView } from './pregnancy.view';

@Injectable()
export class PregnancyService {
  constructor(
    private readonly pregnancies: PregnancyRepository,
    private readonly access: PregnancyAccess,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionContext,
  ) {}

  async register(actor: Actor, dto: RegisterPregnancyDto): Promise<PregnancyView> {
    const address = dto.mother.address;
    if (!actor.healthCenterId) throw new PregnancyException(PregnancyErrorCode.OutOfScope, 'Your token names no health center');
    const pregnancyId = randomUUID();
    await this.access.authorize(actor, 'pregnancy.create', {
      id: pregnancyId,
      villageCode: address.villageCode,
      healthCenterId: actor.healthCenterId,
    });
    const nik = checkNik(dto.mother.nik, dto.mother.birthDate);
    if (!nik.valid) {
      throw new PregnancyException(PregnancyErrorCode.InvalidNik, `mother.nik: ${nik.problems.join('; ')}`, {
        errors: nik.problems.map((message) => ({ field: 'mother.nik', message })),
      });
    }
    assertPlausibleRegistration({ birthDate: dto.mother.birthDate, hpht: dto.hpht, history: dto.history });

    try {
      return await this.tx.run(async (manager) => {
        const existing = await this.pregnancies.findMotherByNik(dto.mother.nik, true);
        if (existing) {
          const active = await this.pregnancies.findActiveByMother(existing.id);
          if (active) throw await this.access.duplicateRegistration(actor, active);
        }
        const recheckedDistrict = existing !== null && existing.nikDistrictUnverified !== nik.unknownDistrict;
        const mother: MotherEntity = Object.assign(existing ?? new MotherEntity(), {
          id: existing?.id ?? randomUUID(),
          nik: dto.mother.nik,
          nikDistrictUnverified: nik.unknownDistrict,
          identityVersion: existing?.identityVersion ?? 0,
        });
        const current = existing && (await this.pregnancies.findIdentity(existing.id, existing.identityVersion));
        const identity = await this.identityFor(actor, pregnancyId, mother, current, {
          name: dto.mother.name,
          birthDate: dto.mother.birthDate,
          phone: dto.mother.phone,
          street: address.street,
          villageCode: address.villageCode,
          villageName: address.villageName,
          districtName: address.districtName,
          regencyName: address.regencyName,
          latitude: address.latitude ?? null,
          longitude: address.longitude ?? null,
        });
        if (identity === current && recheckedDistrict) await this.pregnancies.saveMother(mother);
        const now = new Date();
        const registeredOn = now.toISOString().slice(0, 10);
        const pregnancy = {
          id: pregnancyId,
          motherId: mother.id,
          motherVersion: identity.version,
          identity,
          status: 'active',
          villageCode: address.villageCode,
          healthCenterId: actor.healthCenterId,
          midwifeId: dto.assignedMidwifeId ?? actor.userId,
          heightCm: dto.heightCm ?? null,
          hpht: dto.hpht,
          hpl: dueDateFromHpht(dto.hpht),
          history: { ...dto.history },
          conditions: [...new Set(dto.conditions)],
          birthPlan: dto.birthPlan ? { ...dto.birthPlan } : null,
          visitCount: 0,
          lastVisitDate: null,
          ...contactSchedule(dto.hpht, null),
          riskCategory: null,
          riskScore: null,
          hasEmergency: false,
          assessedAt: null,
          outcome: null,
          closedAt: null,
          closingNote: null,
          registeredOn,
          registeredAt: now,
        } as PregnancyEntity;
        await this.pregnancies.savePregnancy(pregnancy);
        const saved = (await this.pregnancies.findById(pregnancy.id))!;
        await this.outbox.append(manager, [
          { name: 'pregnancyRegistered', subject: saved.id, data: { pregnancy: toSnapshot(saved), registeredAt: now.toISOString() } },
        ]);
        return toPregnancyView(saved);
      });
    } catch (error) {
      // Two registrations of one woman at the same moment: the partial unique index decides.
      if (isUniqueViolation(error)) {
        const mother = await this.pregnancies.findMotherByNik(dto.mother.nik);
        const active = mother && (await this.pregnancies.findActiveByMother(mother.id));
        if (active) throw await this.access.duplicateRegistration(actor, active);
      }
      throw error;
    }
  }

  async get(actor: Actor, id: string): Promise<PregnancyView> {
    const pregnancy = await this.pregnancies.findById(id);
    if (!pregnancy) throw this.notFound(id);
    await this.access.authorize(actor, 'pregnancy.read', pregnancy);
    return toPregnancyView(pregnancy);
  }

  update(actor: Actor, id: string, dto: UpdatePregnancyDto): Promise<PregnancyView> {
    return this.tx.run(async (manager) => {
      const pregnancy = await this.lockActive(actor, id, 'pregnancy.update');
      if (dto.history) {
        assertPlausibleRegistration({ birthDate: pregnancy.identity.birthDate, hpht: pregnancy.hpht, history: dto.history });
        pregnancy.history = { ...dto.history };
      }
      if (dto.heightCm !== undefined) pregnancy.heightCm = dto.heightCm;
      if (dto.conditions) pregnancy.conditions = [...new Set(dto.conditions)];
      if (dto.birthPlan) pregnancy.birthPlan = { ...dto.birthPlan };
      if (dto.assignedMidwifeId) pregnancy.midwifeId = dto.assignedMidwifeId;
      if (dto.address && !actor.villageCodes.includes(dto.address.villageCode)) {
        throw new PregnancyException(
          PregnancyErrorCode.OutOfScope,
          'The new village is outside your scope; the midwife there takes her over',
        );
      }
      if (dto.phone || dto.address) {
        const stated: StatedIdentity = { ...statedOf(pregnancy.identity), ...(dto.phone ? { phone: dto.phone } : {}) };
        if (dto.address) {
          const { street, villageCode, villageName, districtName, regencyName } = dto.address;
          Object.assign(stated, { street, villageCode, villageName, districtName, regencyName });
          Object.assign(stated, { latitude: dto.address.latitude ?? null, longitude: dto.address.longitude ?? null });
          pregnancy.villageCode = dto.address.villageCode;
        }
        const mother = pregnancy.identity.mother;
        pregnancy.identity = await this.identityFor(actor, id, mother, pregnancy.identity, stated);
        pregnancy.motherVersion = pregnancy.identity.version;
      }
      await this.pregnancies.savePregnancy(pregnancy);
      const saved = (await this.pregnancies.findById(id))!;
      await this.outbox.append(manager, [{ name: 'pregnancyUpdated', subject: id, data: { pregnancy: toSnapshot(saved) } }]);
      return toPregnancyView(saved);
    });
  }

  close(actor: Actor, id: string, dto: ClosePregnancyDto): Promise<PregnancyView> {
    return this.tx.run(async (manager) => {
      const pregnancy = await this.lockActive(actor, id, 'pregnancy.close');
      const closedAt = new Date(dto.closedAt);
      if (closedAt.getTime() > Date.now() + 60_000) throw PregnancyException.implausible('closedAt', 'is in the future');
      if (dto.closedAt.slice(0, 10) < pregnancy.hpht) throw PregnancyException.implausible('closedAt', 'is before HPHT');
      Object.assign(pregnancy, {
        status: 'closed',
        outcome: dto.outcome,
        closedAt,
        closingNote: dto.note ?? null,
        nextVisitDue: NOTHING_DUE,
        overdueFrom: NOTHING_DUE,
      });
      await this.pregnancies.savePregnancy(pregnancy);
      await this.outbox.append(manager, [
        {
          name: 'pregnancyClosed',
          subject: id,
          data: { pregnancyId: id, outcome: dto.outcome, closedAt: closedAt.toISOString(), note: dto.note ?? null },
        },
      ]);
      return toPregnancyView((await this.pregnancies.findById(id))!);
    });
  }

  /** Loads and row-locks an active pregnancy the actor may change (inside the caller's transaction). */
  async lockActive(actor: Actor, id: string, action: 'pregnancy.update' | 'pregnancy.close'): Promise<PregnancyEntity> {
    return this.assertActive(actor, action, id, await this.pregnancies.findByIdForUpdate(id));
  }

  /**
   * The lean lock of visits, without loading whole records: locks the pregnancies of a group of visits in one
   * round trip, then settles each visit. It may be recorded when its pregnancy exists, is in the midwife's scope
   * (audited, one write for the group) and is still active.
   */
  async lockActiveForVisits(visits: readonly { actor: Actor; pregnancyId: string }[]): Promise<Settled<VisitTarget>[]> {
    const targets = await this.pregnancies.lockVisitTargets([...new Set(visits.map((v) => v.pregnancyId))]);
    const found = visits.map((v) => targets.get(v.pregnancyId));
    // Only visits to a pregnancy that exists are access decisions (and audited).
    const decisions = visits.flatMap((v, index) => {
      const pregnancy = found[index];
      return pregnancy ? [{ index, request: { actor: v.actor, action: 'visit.create' as const, pregnancy } }] : [];
    });
    const refusals = await this.access.authorizeEach(decisions.map((d) => d.request));
    const refusalOf = new Map(decisions.map((d, n) => [d.index, refusals[n]]));
    return visits.map((v, i): Settled<VisitTarget> => {
      const pregnancy = found[i];
      if (!pregnancy) return { ok: false, error: this.notFound(v.pregnancyId) };
      const refusal = refusalOf.get(i);
      if (refusal) return { ok: false, error: refusal };
      if (pregnancy.status !== 'active') return { ok: false, error: this.closed(pregnancy) };
      return { ok: true, value: pregnancy };
    });
  }

  /**
   * The identity version a pregnancy records: `current` when nothing changed, else a new version (the mother row
   * is locked or new), audited against the pregnancy that stated it. Earlier versions stay as they were.
   */
  private async identityFor(
    actor: Actor,
    pregnancyId: string,
    mother: MotherEntity,
    current: MotherIdentityEntity | null,
    stated: StatedIdentity,
  ): Promise<MotherIdentityEntity> {
    const changed = current ? changedFields(current, stated) : IDENTITY_FIELDS;
    if (current && changed.length === 0) return current;
    mother.identityVersion += 1;
    await this.pregnancies.saveMother(mother);
    const identity = Object.assign(new MotherIdentityEntity(), {
      motherId: mother.id,
      version: mother.identityVersion,
      mother,
      ...stated,
      recordedAt: new Date(),
      recordedBy: actor.userId,
      pregnancyId,
    });
    await this.pregnancies.insertIdentity(identity);
    if (current) await this.access.recordIdentityChange(actor, pregnancyId, identity.version, changed);
    return identity;
  }

  private async assertActive<P extends VisitTarget>(actor: Actor, action: PregnancyAction, id: string, pregnancy: P | null): Promise<P> {
    if (!pregnancy) throw this.notFound(id);
    await this.access.authorize(actor, action, pregnancy);
    if (pregnancy.status !== 'active') throw this.closed(pregnancy);
    return pregnancy;
  }

  private closed(pregnancy: VisitTarget): PregnancyException {
    return new PregnancyException(PregnancyErrorCode.Closed, `This pregnancy was closed (${pregnancy.outcome ?? 'unknown'})`);
  }

  private notFound(id: string): PregnancyException {
    return new PregnancyException(PregnancyErrorCode.NotFound, `No pregnancy ${id}`);
  }
}
