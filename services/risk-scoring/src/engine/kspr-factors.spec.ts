import type { KsprFactorResultV1 } from '@siaga/contracts';
import { assess as sut } from './assess';
import { riskCategory } from './kspr-factors';
import { KSPR_FACTOR_IDS, type KsprFactorId } from './rule-ids';
import { CURRENT_RULE_SET } from './rule-set';
import { AS_OF, aPregnancy, anInput, aVisit, hphtForGestationalAge } from './test-fixtures';

function factor(factors: readonly KsprFactorResultV1[], id: KsprFactorId): KsprFactorResultV1 {
  const found = factors.find((f) => f.ruleId === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

describe('KSPR factors', () => {
  it('judges every card item once, in card order, baseline first', () => {
    const { factors } = sut(anInput());
    expect(factors.map((f) => f.ruleId)).toEqual([...KSPR_FACTOR_IDS]);
    expect(factors).toHaveLength(29);
  });

  it('scores a healthy woman 2 (KSPR-0 only) with every factor absent', () => {
    const { score, category, factors } = sut(anInput());
    expect(score).toBe(2);
    expect(category).toBe('KRR');
    expect(factor(factors, 'KSPR-0')).toEqual({ ruleId: 'KSPR-0', status: 'present', points: 2, facts: {} });
    expect(factors.filter((f) => f.status !== 'absent').map((f) => f.ruleId)).toEqual(['KSPR-0']);
  });

  describe('KSPR-6 age >= 35 at asOf', () => {
    it.each([
      ['1991-05-31', 35, 'present'],
      ['1991-06-01', 35, 'present'], // birthday today
      ['1991-06-02', 34, 'absent'], // birthday tomorrow
    ])('born %s: age %i is %s', (motherBirthDate, ageYears, status) => {
      const { factors } = sut(anInput({ pregnancy: aPregnancy({ motherBirthDate }) }));
      expect(factor(factors, 'KSPR-6')).toMatchObject({
        status,
        points: status === 'present' ? 4 : 0,
        facts: { ageYears },
      });
    });
  });

  describe('KSPR-1 first pregnancy at age <= 16', () => {
    it.each([
      ['2010-06-01', 16, 'present'],
      ['2009-06-02', 16, 'present'], // turns 17 tomorrow
      ['2009-06-01', 17, 'absent'],
    ])('primigravida born %s (age %i): %s', (motherBirthDate, ageYears, status) => {
      const pregnancy = aPregnancy({
        motherBirthDate,
        history: { gravida: 1, para: 0, livingChildren: 0, lastBirthDate: null },
      });
      expect(factor(sut(anInput({ pregnancy })).factors, 'KSPR-1')).toMatchObject({ status, facts: { ageYears } });
    });

    it('does not apply to a second pregnancy', () => {
      const pregnancy = aPregnancy({ motherBirthDate: '2010-06-01', history: { gravida: 2 } });
      expect(factor(sut(anInput({ pregnancy })).factors, 'KSPR-1').status).toBe('absent');
    });
  });

  describe('KSPR-2a / KSPR-2b first pregnancy late', () => {
    const primi = { gravida: 1, para: 0, livingChildren: 0, lastBirthDate: null };

    it('scores 2a from 4 full years of marriage at HPHT', () => {
      const at4 = aPregnancy({ history: { ...primi, marriageDate: '2021-12-15' } }); // HPHT 2025-12-15
      const at3 = aPregnancy({ history: { ...primi, marriageDate: '2021-12-16' } });
      expect(factor(sut(anInput({ pregnancy: at4 })).factors, 'KSPR-2a')).toMatchObject({
        status: 'present',
        points: 4,
        facts: { yearsMarriedAtHpht: 4 },
      });
      expect(factor(sut(anInput({ pregnancy: at3 })).factors, 'KSPR-2a')).toMatchObject({
        status: 'absent',
        facts: { yearsMarriedAtHpht: 3 },
      });
    });

    it('is unknown for a primigravida without a marriage date', () => {
      const pregnancy = aPregnancy({ history: { ...primi, marriageDate: null } });
      expect(factor(sut(anInput({ pregnancy })).factors, 'KSPR-2a')).toMatchObject({ status: 'unknown', points: 0 });
    });

    it('is absent, not unknown, for a multigravida without a marriage date', () => {
      const pregnancy = aPregnancy({ history: { gravida: 3, marriageDate: null } });
      expect(factor(sut(anInput({ pregnancy })).factors, 'KSPR-2a').status).toBe('absent');
    });

    it('scores 2b and 6 together for a primigravida of 35', () => {
      const pregnancy = aPregnancy({
        motherBirthDate: '1991-06-01',
        history: { ...primi, marriageDate: '2024-01-01' },
      });
      const { factors, score } = sut(anInput({ pregnancy }));
      expect(factor(factors, 'KSPR-2b').status).toBe('present');
      expect(factor(factors, 'KSPR-6').status).toBe('present');
      expect(score).toBe(10);
    });
  });

  describe('KSPR-3 / KSPR-4 years from last birth to HPHT (2025-12-15)', () => {
    it.each([
      ['2023-12-16', 1, 'present', 'absent'], // 1 year 364 days
      ['2023-12-15', 2, 'absent', 'absent'],
      ['2016-12-15', 9, 'absent', 'absent'],
      ['2015-12-16', 9, 'absent', 'absent'],
      ['2015-12-15', 10, 'absent', 'present'],
    ])('last birth %s (%i years): KSPR-3 %s, KSPR-4 %s', (lastBirthDate, years, k3, k4) => {
      const { factors } = sut(anInput({ pregnancy: aPregnancy({ history: { lastBirthDate } }) }));
      expect(factor(factors, 'KSPR-3')).toMatchObject({ status: k3, facts: { yearsSinceLastBirth: years } });
      expect(factor(factors, 'KSPR-4')).toMatchObject({ status: k4, facts: { yearsSinceLastBirth: years } });
    });

    it('is unknown when a woman who gave birth has no last birth date', () => {
      const { factors } = sut(anInput({ pregnancy: aPregnancy({ history: { gravida: 2, para: 1, lastBirthDate: null } }) }));
      expect(factor(factors, 'KSPR-3').status).toBe('unknown');
      expect(factor(factors, 'KSPR-4').status).toBe('unknown');
    });

    it('is absent for a first pregnancy and for a woman who never gave birth', () => {
      const primi = aPregnancy({ history: { gravida: 1, para: 0, livingChildren: 0, lastBirthDate: null } });
      const noBirth = aPregnancy({
        history: { gravida: 2, para: 0, abortus: 1, livingChildren: 0, lastBirthDate: null },
      });
      for (const pregnancy of [primi, noBirth]) {
        const { factors } = sut(anInput({ pregnancy }));
        expect(factor(factors, 'KSPR-3').status).toBe('absent');
        expect(factor(factors, 'KSPR-4').status).toBe('absent');
      }
    });
  });

  describe('KSPR-5 four or more children', () => {
    it.each([
      [3, 'absent'],
      [4, 'present'],
    ])('%i living children: %s', (livingChildren, status) => {
      const pregnancy = aPregnancy({ history: { gravida: 5, para: 4, livingChildren } });
      expect(factor(sut(anInput({ pregnancy })).factors, 'KSPR-5')).toMatchObject({
        status,
        facts: { livingChildren },
      });
    });
  });

  describe('KSPR-7 height <= 145 cm', () => {
    it.each([
      [144.9, 'present'],
      [145, 'present'],
      [145.1, 'absent'],
      [146, 'absent'],
    ])('%p cm: %s', (heightCm, status) => {
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ heightCm }) })).factors, 'KSPR-7')).toMatchObject({
        status,
        facts: { heightCm },
      });
    });

    it('is unknown, with 0 points, when height was not measured', () => {
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ heightCm: null }) })).factors, 'KSPR-7')).toEqual({
        ruleId: 'KSPR-7',
        status: 'unknown',
        points: 0,
        facts: { heightCm: null },
      });
    });
  });

  describe('KSPR-8 previous pregnancy loss', () => {
    it.each([
      [{ gravida: 2, abortus: 1, stillbirths: null }, 'present'],
      [{ gravida: 2, abortus: 0, stillbirths: 1 }, 'present'],
      [{ gravida: 2, abortus: 0, stillbirths: 0 }, 'absent'],
      [{ gravida: 2, abortus: 0, stillbirths: null }, 'unknown'],
      [{ gravida: 1, para: 0, livingChildren: 0, lastBirthDate: null, abortus: 0, stillbirths: null }, 'absent'],
    ])('%j: %s', (history, status) => {
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ history }) })).factors, 'KSPR-8').status).toBe(status);
    });
  });

  describe('KSPR-9a..c and KSPR-10 obstetric history', () => {
    it('scores KSPR-10 (caesarean) 8 points: total 10, KRT', () => {
      const { factors, score, category } = sut(anInput({ pregnancy: aPregnancy({ history: { previousCaesarean: true } }) }));
      expect(factor(factors, 'KSPR-10')).toEqual({
        ruleId: 'KSPR-10',
        status: 'present',
        points: 8,
        facts: { previousCaesarean: true },
      });
      expect(score).toBe(10);
      expect(category).toBe('KRT');
    });

    it('scores each 9 sub-item on its own', () => {
      const pregnancy = aPregnancy({
        history: { forcepsOrVacuum: true, manualPlacentaRemoval: true, infusionOrTransfusion: true },
      });
      const { factors, score } = sut(anInput({ pregnancy }));
      for (const id of ['KSPR-9a', 'KSPR-9b', 'KSPR-9c'] as const)
        expect(factor(factors, id)).toMatchObject({ status: 'present', points: 4 });
      expect(score).toBe(14);
    });
  });

  describe('KSPR-11a..f conditions', () => {
    it('scores anaemia (11a) and diabetes (11e) each', () => {
      const { factors, score } = sut(anInput({ pregnancy: aPregnancy({ conditions: ['anaemia', 'diabetes'] }) }));
      expect(factor(factors, 'KSPR-11a')).toMatchObject({ status: 'present', points: 4 });
      expect(factor(factors, 'KSPR-11e')).toMatchObject({ status: 'present', points: 4 });
      expect(factor(factors, 'KSPR-11b').status).toBe('absent');
      expect(score).toBe(10);
    });

    it.each([
      ['malaria', 'KSPR-11b'],
      ['tuberculosis', 'KSPR-11c'],
      ['heart-failure', 'KSPR-11d'],
      ['sti', 'KSPR-11f'],
    ] as const)('maps %s to %s', (condition, id) => {
      const { factors } = sut(anInput({ pregnancy: aPregnancy({ conditions: [condition] }) }));
      expect(factor(factors, id)).toMatchObject({ status: 'present', facts: { condition, listed: true } });
      expect(factors.filter((f) => f.status === 'present')).toHaveLength(2);
    });

    it('scores 11a from the latest measured Hb when not listed (10.9 at 12 weeks is anaemic)', () => {
      const visits = [aVisit({ visitDate: '2026-03-09', hemoglobin: 10.9 }), aVisit({ hemoglobin: null })]; // 12w0d
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-11a')).toMatchObject({
        status: 'present',
        facts: { listed: false, hemoglobin: 10.9, hemoglobinThreshold: 11, gestationalAgeWeeks: 12 },
      });
    });

    it('reads the latest Hb only: a later normal Hb clears an earlier low one', () => {
      const visits = [aVisit({ visitDate: '2026-03-09', hemoglobin: 9.5 }), aVisit({ hemoglobin: 11.5 })];
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-11a').status).toBe('absent');
    });

    it('is unknown with no Hb measured and anaemia not listed, present if listed', () => {
      const visits = [aVisit({ hemoglobin: null })];
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-11a').status).toBe('unknown');
      const listed = aPregnancy({ conditions: ['anaemia'] });
      expect(factor(sut(anInput({ pregnancy: listed, visits })).factors, 'KSPR-11a').status).toBe('present');
    });
  });

  describe('KSPR-12 oedema with high BP at the latest visit', () => {
    it.each([
      [{ oedema: true, systolic: 140, diastolic: 80 }, 'present'],
      [{ oedema: true, systolic: 139, diastolic: 89 }, 'absent'],
      [{ oedema: false, systolic: 150, diastolic: 95 }, 'absent'],
      [{ oedema: null, systolic: 150, diastolic: 95 }, 'unknown'],
      [{ oedema: true, systolic: null, diastolic: null }, 'unknown'],
      [{ oedema: null, systolic: 120, diastolic: 80 }, 'absent'],
    ])('%j: %s', (v, status) => {
      expect(factor(sut(anInput({ visits: [aVisit(v)] })).factors, 'KSPR-12').status).toBe(status);
    });

    it('ignores an earlier visit', () => {
      const visits = [aVisit({ visitDate: '2026-05-01', oedema: true, systolic: 150 }), aVisit()];
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-12').status).toBe('absent');
    });
  });

  describe('KSPR-13..15 and KSPR-19 at any visit', () => {
    const earlier = (o: Parameters<typeof aVisit>[0]) => aVisit({ visitDate: '2026-04-01', ...o });

    it('KSPR-13: twins seen at any visit', () => {
      const { factors } = sut(anInput({ visits: [earlier({ fetusCount: 2 }), aVisit({ fetusCount: null })] }));
      expect(factor(factors, 'KSPR-13')).toMatchObject({
        status: 'present',
        points: 4,
        facts: { fetusCount: 2, visitDate: '2026-04-01' },
      });
    });

    it('KSPR-13: one recorded singleton is enough for absent; none recorded is unknown', () => {
      expect(factor(sut(anInput({ visits: [earlier({ fetusCount: 1 }), aVisit({ fetusCount: null })] })).factors, 'KSPR-13').status).toBe(
        'absent',
      );
      expect(factor(sut(anInput({ visits: [aVisit({ fetusCount: null })] })).factors, 'KSPR-13').status).toBe('unknown');
    });

    it('KSPR-14: polyhydramnios', () => {
      expect(factor(sut(anInput({ visits: [earlier({ polyhydramnios: true }), aVisit()] })).factors, 'KSPR-14').status).toBe('present');
      expect(factor(sut(anInput({ visits: [aVisit({ polyhydramnios: null })] })).factors, 'KSPR-14').status).toBe('unknown');
    });

    it('KSPR-15: intrauterine fetal death recorded', () => {
      expect(factor(sut(anInput({ visits: [aVisit({ intrauterineFetalDeath: true })] })).factors, 'KSPR-15').status).toBe('present');
    });

    it('KSPR-15: no heartbeat counts from 20 weeks, not before', () => {
      const at20 = aVisit({ visitDate: '2026-05-04', fetalHeartRate: 0, intrauterineFetalDeath: null }); // 20w0d
      const at19 = aVisit({ visitDate: '2026-05-03', fetalHeartRate: 0, intrauterineFetalDeath: null }); // 19w6d
      expect(factor(sut(anInput({ visits: [at20] })).factors, 'KSPR-15')).toMatchObject({
        status: 'present',
        facts: { fetalHeartRate: 0 },
      });
      expect(factor(sut(anInput({ visits: [at19] })).factors, 'KSPR-15').status).toBe('unknown');
    });

    it('KSPR-15: a heartbeat found on the repeat listen is not fetal death', () => {
      const v = aVisit({ fetalHeartRate: 0, fetalHeartRateRepeat: 138, intrauterineFetalDeath: null });
      expect(factor(sut(anInput({ visits: [v] })).factors, 'KSPR-15').status).toBe('absent');
    });

    it('KSPR-19: bleeding at an earlier visit still scores 8', () => {
      const { factors, score } = sut(anInput({ visits: [earlier({ dangerSigns: ['vaginal-bleeding'] }), aVisit()] }));
      expect(factor(factors, 'KSPR-19')).toMatchObject({ status: 'present', points: 8 });
      expect(score).toBe(10);
    });
  });

  describe('KSPR-16 post-term from HPHT at asOf', () => {
    it.each([
      [41, 6, 'absent'],
      [42, 0, 'present'],
    ])('%iw%id: %s', (weeks, days, status) => {
      const pregnancy = aPregnancy({ hpht: hphtForGestationalAge(weeks, days) });
      expect(factor(sut(anInput({ pregnancy, visits: [] })).factors, 'KSPR-16')).toMatchObject({
        status,
        facts: { gestationalAgeWeeks: weeks, gestationalAgeDays: weeks * 7 + days },
      });
    });
  });

  describe('KSPR-17 / KSPR-18 presentation at the latest visit that recorded it, from 28 weeks', () => {
    const at30 = hphtForGestationalAge(30);

    it('scores breech 8 (KSPR-17) and transverse 8 (KSPR-18)', () => {
      const breech = sut(anInput({ pregnancy: aPregnancy({ hpht: at30 }), visits: [aVisit({ presentation: 'breech' })] }));
      expect(factor(breech.factors, 'KSPR-17')).toMatchObject({ status: 'present', points: 8 });
      expect(factor(breech.factors, 'KSPR-18').status).toBe('absent');
      const transverse = sut(anInput({ pregnancy: aPregnancy({ hpht: at30 }), visits: [aVisit({ presentation: 'transverse' })] }));
      expect(factor(transverse.factors, 'KSPR-18')).toMatchObject({ status: 'present', points: 8 });
    });

    it('uses the latest recorded presentation: a baby that turned is no longer breech', () => {
      const visits = [aVisit({ visitDate: '2026-05-18', presentation: 'breech' }), aVisit({ presentation: 'cephalic' })];
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ hpht: at30 }), visits })).factors, 'KSPR-17').status).toBe('absent');
    });

    it('keeps the last recorded presentation when the latest visit did not record one', () => {
      const visits = [aVisit({ visitDate: '2026-05-18', presentation: 'breech' }), aVisit({ presentation: null })];
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ hpht: at30 }), visits })).factors, 'KSPR-17').status).toBe('present');
    });

    it('ignores a breech before 28 weeks', () => {
      const visits = [aVisit({ presentation: 'breech' })]; // 24 weeks
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-17')).toMatchObject({ status: 'absent', points: 0 });
    });

    it('is unknown from 28 weeks when no presentation was recorded', () => {
      const visits = [aVisit({ presentation: null })];
      expect(factor(sut(anInput({ pregnancy: aPregnancy({ hpht: at30 }), visits })).factors, 'KSPR-17').status).toBe('unknown');
    });
  });

  describe('KSPR-20 severe pre-eclampsia or convulsions at any visit', () => {
    it('scores convulsions at an earlier visit', () => {
      const visits = [aVisit({ visitDate: '2026-05-01', dangerSigns: ['convulsions'] }), aVisit()];
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-20')).toMatchObject({ status: 'present', points: 8 });
    });

    it('scores hypertension with a pre-eclampsia symptom, not either alone', () => {
      const both = aVisit({ systolic: 150, diastolic: 95, dangerSigns: ['dizziness'] });
      const bpOnly = aVisit({ systolic: 150, diastolic: 95 });
      const symptomOnly = aVisit({ dangerSigns: ['dizziness'] });
      expect(factor(sut(anInput({ visits: [both] })).factors, 'KSPR-20').status).toBe('present');
      expect(factor(sut(anInput({ visits: [bpOnly] })).factors, 'KSPR-20').status).toBe('absent');
      expect(factor(sut(anInput({ visits: [symptomOnly] })).factors, 'KSPR-20').status).toBe('absent');
    });

    it('is unknown when a symptom was reported without a BP reading', () => {
      const visits = [aVisit({ visitDate: '2026-05-01' }), aVisit({ systolic: null, diastolic: null, dangerSigns: ['vomiting'] })];
      expect(factor(sut(anInput({ visits })).factors, 'KSPR-20').status).toBe('unknown');
    });
  });

  describe('unknown facts are unknown, never absent', () => {
    it('a woman without visits has every visit-based factor unknown and scores only what is known', () => {
      const { factors, score } = sut(anInput({ visits: [] }));
      const unknown = factors.filter((f) => f.status === 'unknown').map((f) => f.ruleId);
      expect(unknown).toEqual(['KSPR-11a', 'KSPR-12', 'KSPR-13', 'KSPR-14', 'KSPR-15', 'KSPR-19', 'KSPR-20']);
      expect(factors.filter((f) => f.status === 'unknown').every((f) => f.points === 0)).toBe(true);
      expect(score).toBe(2);
    });
  });

  describe(riskCategory.name, () => {
    it.each([
      [2, 'KRR'],
      [5, 'KRR'],
      [6, 'KRT'],
      [10, 'KRT'],
      [11, 'KRT'],
      [12, 'KRST'],
      [14, 'KRST'],
    ] as const)('score %i is %s', (score, category) => {
      expect(riskCategory(score, CURRENT_RULE_SET)).toBe(category);
    });

    it('puts a woman with two 8-point factors in KRST (2 + 8 + 8 = 18)', () => {
      const pregnancy = aPregnancy({ hpht: hphtForGestationalAge(32), history: { previousCaesarean: true } });
      const result = sut({ pregnancy, visits: [aVisit({ presentation: 'breech' })], asOf: AS_OF });
      expect(result.score).toBe(18);
      expect(result.category).toBe('KRST');
    });
  });
});
