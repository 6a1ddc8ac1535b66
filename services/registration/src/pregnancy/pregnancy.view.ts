import { NOTHING_DUE, type PregnancyEntity } from './pregnancy.entity';
import type { PregnancySnapshotV1 } from '@siaga/contracts';

/** The API's picture of a pregnancy. */
export function toPregnancyView(p: PregnancyEntity) {
  return {
    id: p.id,
    status: p.status,
    // Her identity as this pregnancy recorded it (a later registration elsewhere does not change it).
    mother: {
      id: p.motherId,
      nik: p.identity.mother.nik,
      nikDistrictUnverified: p.identity.mother.nikDistrictUnverified,
      identityVersion: p.motherVersion,
      name: p.identity.name,
      birthDate: p.identity.birthDate,
      phone: p.identity.phone,
      address: {
        street: p.identity.street,
        villageCode: p.identity.villageCode,
        villageName: p.identity.villageName,
        districtName: p.identity.districtName,
        regencyName: p.identity.regencyName,
        latitude: p.identity.latitude,
        longitude: p.identity.longitude,
      },
    },
    healthCenterId: p.healthCenterId,
    midwifeId: p.midwifeId,
    heightCm: p.heightCm,
    hpht: p.hpht,
    hpl: p.hpl,
    history: p.history,
    conditions: p.conditions,
    birthPlan: p.birthPlan,
    visitCount: p.visitCount,
    lastVisitDate: p.lastVisitDate,
    nextVisitDue: p.nextVisitDue === NOTHING_DUE ? null : p.nextVisitDue,
    overdue: p.overdueFrom !== NOTHING_DUE && p.overdueFrom <= new Date().toISOString().slice(0, 10),
    risk: { category: p.riskCategory, score: p.riskScore, hasEmergency: p.hasEmergency, assessedAt: p.assessedAt?.toISOString() ?? null },
    referral: p.referralId
      ? {
          referralId: p.referralId,
          hospitalId: p.referredToHospitalId,
          hospitalName: p.referredToHospitalName,
          arrivedAt: p.arrivedAtHospitalAt?.toISOString() ?? null,
        }
      : null,
    outcome: p.outcome,
    closedAt: p.closedAt?.toISOString() ?? null,
    registeredAt: p.registeredAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type PregnancyView = ReturnType<typeof toPregnancyView>;

/** What downstream services learn about a pregnancy (no NIK, phone or street). */
export function toSnapshot(p: PregnancyEntity): PregnancySnapshotV1 {
  return {
    pregnancyId: p.id,
    motherId: p.motherId,
    motherName: p.identity.name,
    motherBirthDate: p.identity.birthDate,
    villageCode: p.villageCode,
    villageName: p.identity.villageName,
    districtName: p.identity.districtName,
    healthCenterId: p.healthCenterId,
    midwifeId: p.midwifeId,
    heightCm: p.heightCm,
    hpht: p.hpht,
    hpl: p.hpl,
    history: p.history,
    conditions: p.conditions,
  };
}
