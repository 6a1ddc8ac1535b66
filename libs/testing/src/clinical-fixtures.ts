import { randomUUID } from 'node:crypto';
import type { ObstetricHistoryV1, PregnancySnapshotV1 } from '@siaga/contracts';

/** The village most fixtures live in: Sempu, Banyuwangi (35.10.20). */
export const SEMPU_VILLAGE = '35.10.20.2001';

const DAY_MS = 86_400_000;

/** The UTC date `days` days before today, as YYYY-MM-DD. */
export const isoDaysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/**
 * A second pregnancy after one uncomplicated birth: gravida 2, para 1, one living child, no caesarean,
 * instruments, manual placenta or transfusion. Stillbirths and dates stay unknown (absent) unless given.
 */
export function anObstetricHistory(overrides: Partial<ObstetricHistoryV1> = {}): ObstetricHistoryV1 {
  return {
    gravida: 2,
    para: 1,
    abortus: 0,
    livingChildren: 1,
    previousCaesarean: false,
    forcepsOrVacuum: false,
    manualPlacentaRemoval: false,
    infusionOrTransfusion: false,
    ...overrides,
  };
}

/**
 * Registration's snapshot of a second pregnancy in Sempu (history: anObstetricHistory()), with fresh ids,
 * no conditions and HPL = HPHT + 280 days; `hpht` is the one fact every caller chooses.
 */
export function aPregnancySnapshot(overrides: Partial<PregnancySnapshotV1> & Pick<PregnancySnapshotV1, 'hpht'>): PregnancySnapshotV1 {
  const { hpht, ...rest } = overrides;
  return {
    pregnancyId: randomUUID(),
    motherId: randomUUID(),
    motherName: 'Ibu Contoh',
    motherBirthDate: '1995-04-12',
    villageCode: SEMPU_VILLAGE,
    villageName: 'Sempu',
    districtName: 'Sempu',
    healthCenterId: randomUUID(),
    midwifeId: randomUUID(),
    heightCm: 152,
    hpht,
    hpl: new Date(Date.parse(hpht) + 280 * DAY_MS).toISOString().slice(0, 10),
    conditions: [],
    history: anObstetricHistory(),
    ...rest,
  };
}

/** The pregnancy facts the rules read, without who she is or where she lives: what an assessment preview posts. */
export type PreviewPregnancyFacts = Pick<PregnancySnapshotV1, 'motherBirthDate' | 'heightCm' | 'hpht' | 'conditions' | 'history'>;

/** A second pregnancy as a trainer would preview it: born 1996-05-07, 152 cm, HPHT 2026-01-05, last birth 2022-03-01. */
export function aPreviewPregnancy(): PreviewPregnancyFacts {
  return {
    motherBirthDate: '1996-05-07',
    heightCm: 152,
    hpht: '2026-01-05',
    conditions: [],
    history: anObstetricHistory({ lastBirthDate: '2022-03-01', marriageDate: '2019-01-01' }),
  };
}
