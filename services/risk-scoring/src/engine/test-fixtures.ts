import type { AncVisitV1, ObstetricHistoryV1, PregnancySnapshotV1 } from '@siaga/contracts';
import type { AssessmentInput } from './assessment.types';

/** Spec helpers (not exported from index.ts). A healthy second pregnancy at 24w0d on AS_OF: score 2, no findings. */

export const AS_OF_DATE = '2026-06-01';
export const AS_OF = new Date(`${AS_OF_DATE}T00:00:00.000Z`);
/** HPHT 24 weeks (168 days) before AS_OF. */
export const HPHT = '2025-12-15';

/** HPHT that puts AS_OF at the given gestational age (written out so date tests do not lean on the engine). */
export function hphtForGestationalAge(weeks: number, days = 0): string {
  const ms = Date.UTC(2026, 5, 1) - (weeks * 7 + days) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function aHistory(overrides: Partial<ObstetricHistoryV1> = {}): ObstetricHistoryV1 {
  return {
    gravida: 2,
    para: 1,
    abortus: 0,
    stillbirths: 0,
    livingChildren: 1,
    previousCaesarean: false,
    forcepsOrVacuum: false,
    manualPlacentaRemoval: false,
    infusionOrTransfusion: false,
    lastBirthDate: '2021-07-20',
    marriageDate: '2019-02-10',
    ...overrides,
  };
}

export function aPregnancy(
  overrides: Partial<Omit<PregnancySnapshotV1, 'history'>> & { history?: Partial<ObstetricHistoryV1> } = {},
): PregnancySnapshotV1 {
  const { history, ...rest } = overrides;
  return {
    pregnancyId: '6f1c2a52-5a4e-4c1b-9a53-2f0b8f0d4a11',
    motherId: '0b4a4e0e-2d3c-4d5b-8f6e-7a8b9c0d1e2f',
    motherName: 'Siti Aminah',
    motherBirthDate: '1997-08-17',
    villageCode: '3510012001',
    villageName: 'Pesanggaran',
    districtName: 'Pesanggaran',
    healthCenterId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    midwifeId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    heightCm: 155,
    hpht: HPHT,
    hpl: '2026-09-21',
    conditions: [],
    ...rest,
    history: aHistory(history),
  };
}

export function aVisit(overrides: Partial<AncVisitV1> = {}): AncVisitV1 {
  return {
    visitId: 'c0ffee00-0000-4000-8000-000000000001',
    visitDate: AS_OF_DATE,
    systolic: 110,
    diastolic: 70,
    temperatureC: 36.8,
    pulse: 82,
    spo2: 98,
    lilaCm: 26,
    hemoglobin: 12.1,
    urineProtein: 'negative',
    fetalHeartRate: 140,
    presentation: 'cephalic',
    fetusCount: 1,
    fetalMovement: 'normal',
    oedema: false,
    polyhydramnios: false,
    intrauterineFetalDeath: false,
    dangerSigns: [],
    ...overrides,
  };
}

export function anInput(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return { pregnancy: aPregnancy(), visits: [aVisit()], asOf: AS_OF, ...overrides };
}
