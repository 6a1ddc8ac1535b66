import type { AncVisitV1, DangerSign, FindingV1 } from '@siaga/contracts';
import { assess as sut } from './assess';
import type { Assessment } from './assessment.types';
import { CURRENT_RULE_SET } from './rule-set';
import { aPregnancy, anInput, aVisit, hphtForGestationalAge } from './test-fixtures';

const ids = (findings: readonly FindingV1[]): string[] => findings.map((f) => f.ruleId);
const atVisit = (v: Partial<AncVisitV1>, hpht?: string): Assessment =>
  sut(anInput({ pregnancy: aPregnancy(hpht === undefined ? {} : { hpht }), visits: [aVisit(v)] }));

describe('WHO / Kemenkes findings', () => {
  it('finds nothing for a healthy visit', () => {
    const { emergencies, warnings } = atVisit({});
    expect(emergencies).toEqual([]);
    expect(warnings).toEqual([]);
  });

  describe('blood pressure', () => {
    it.each([
      [{ systolic: 160, diastolic: 80 }, ['WHO-BP-SEVERE'], []],
      [{ systolic: 120, diastolic: 110 }, ['WHO-BP-SEVERE'], []],
      [{ systolic: 159, diastolic: 109 }, [], ['WHO-BP-HIGH']],
      [{ systolic: 140, diastolic: 70 }, [], ['WHO-BP-HIGH']],
      [{ systolic: 120, diastolic: 90 }, [], ['WHO-BP-HIGH']],
      [{ systolic: 139, diastolic: 89 }, [], []],
    ])('%j: emergencies %j, warnings %j', (bp, emergencies, warnings) => {
      const result = atVisit(bp);
      expect(ids(result.emergencies)).toEqual(emergencies);
      expect(ids(result.warnings)).toEqual(warnings);
    });

    it('uses either measurement: a severe repeat reading is severe', () => {
      const { emergencies } = atVisit({ systolic: 150, diastolic: 95, systolicRepeat: 162, diastolicRepeat: 100 });
      expect(emergencies).toEqual([
        {
          ruleId: 'WHO-BP-SEVERE',
          description: expect.any(String),
          facts: { visitDate: '2026-06-01', systolic: 150, diastolic: 95, systolicRepeat: 162, diastolicRepeat: 100 },
        },
      ]);
    });

    it('WHO-PE: hypertension with protein ++ or more', () => {
      expect(ids(atVisit({ systolic: 145, urineProtein: '++' }).emergencies)).toEqual(['WHO-PE']);
      expect(ids(atVisit({ systolic: 145, urineProtein: '+' }).emergencies)).toEqual([]);
      expect(ids(atVisit({ systolic: 130, urineProtein: '+++' }).emergencies)).toEqual([]);
    });

    it.each<DangerSign>(['severe-headache', 'blurred-vision', 'epigastric-pain', 'dizziness', 'vomiting'])(
      'WHO-PE-SEVERE: hypertension with %s',
      (sign) => {
        const { emergencies } = atVisit({ systolic: 145, diastolic: 92, dangerSigns: [sign] });
        expect(emergencies).toContainEqual(
          expect.objectContaining({ ruleId: 'WHO-PE-SEVERE', facts: expect.objectContaining({ symptoms: [sign] }) }),
        );
      },
    );

    it('warns to measure BP when a pre-eclampsia symptom comes without a reading', () => {
      const { emergencies, warnings } = atVisit({ systolic: null, diastolic: null, dangerSigns: ['epigastric-pain'] });
      expect(emergencies).toEqual([]);
      expect(ids(warnings)).toEqual(['WHO-PE-SYMPTOMS-BP-UNKNOWN']);
    });
  });

  it('is an emergency regardless of score: a low-risk woman with 170/115 is KRR and referred', () => {
    const result = atVisit({ systolic: 170, diastolic: 115 });
    expect(result.score).toBe(2);
    expect(result.category).toBe('KRR');
    expect(ids(result.emergencies)).toEqual(['WHO-BP-SEVERE']);
  });

  it('170/115 with severe headache is WHO-BP-SEVERE and WHO-PE-SEVERE (and KSPR-20 scores it)', () => {
    const result = atVisit({ systolic: 170, diastolic: 115, dangerSigns: ['severe-headache'] });
    expect(ids(result.emergencies)).toEqual(['WHO-BP-SEVERE', 'WHO-PE-SEVERE']);
    expect(result.score).toBe(10);
  });

  describe('danger signs (urgent referral)', () => {
    const single: DangerSign[] = [
      'vaginal-bleeding',
      'convulsions',
      'fever-too-weak',
      'severe-abdominal-pain',
      'fast-or-difficult-breathing',
      'central-cyanosis',
      'unconscious',
      'looks-very-ill',
      'imminent-delivery',
      'waters-broken-preterm',
    ];

    it.each(single)('%s is an emergency of its own', (sign) => {
      expect(ids(atVisit({ dangerSigns: [sign] }).emergencies)).toEqual([`WHO-DANGER-SIGN:${sign}`]);
    });

    it('gives one finding per sign', () => {
      expect(ids(atVisit({ dangerSigns: ['convulsions', 'unconscious'] }).emergencies)).toEqual([
        'WHO-DANGER-SIGN:convulsions',
        'WHO-DANGER-SIGN:unconscious',
      ]);
    });

    it('needs severe headache WITH blurred vision; either alone is not a danger sign', () => {
      expect(ids(atVisit({ dangerSigns: ['severe-headache', 'blurred-vision'] }).emergencies)).toEqual([
        'WHO-DANGER-SIGN:severe-headache+blurred-vision',
      ]);
      expect(atVisit({ dangerSigns: ['severe-headache'] }).emergencies).toEqual([]);
      expect(atVisit({ dangerSigns: ['blurred-vision'] }).emergencies).toEqual([]);
    });

    it('warns on persistent vomiting (Buku KIA)', () => {
      const { emergencies, warnings } = atVisit({ dangerSigns: ['persistent-vomiting'] });
      expect(emergencies).toEqual([]);
      expect(ids(warnings)).toEqual(['KIA-DANGER-SIGN:persistent-vomiting']);
    });

    it('covers every urgent sign of the domain reference in the rule set', () => {
      const covered = CURRENT_RULE_SET.who.urgentDangerSigns.flatMap((r) => r.allOf);
      expect(new Set(covered)).toEqual(new Set([...single, 'severe-headache', 'blurred-vision']));
    });
  });

  describe('only the latest visit raises emergencies', () => {
    it('ignores an earlier visit with a danger sign', () => {
      const visits = [aVisit({ visitDate: '2026-05-20', dangerSigns: ['vaginal-bleeding'], systolic: 170 }), aVisit()];
      expect(sut(anInput({ visits })).emergencies).toEqual([]);
    });

    it('takes the latest by date, not by array order', () => {
      const visits = [aVisit({ systolic: 170 }), aVisit({ visitDate: '2026-05-20' })];
      expect(ids(sut(anInput({ visits })).emergencies)).toEqual(['WHO-BP-SEVERE']);
    });

    it('breaks a same-day tie by array order: the later entry wins', () => {
      const first = aVisit({ systolic: 170 });
      const second = aVisit({ systolic: 120 });
      expect(sut(anInput({ visits: [first, second] })).emergencies).toEqual([]);
      expect(ids(sut(anInput({ visits: [second, first] })).emergencies)).toEqual(['WHO-BP-SEVERE']);
    });

    it('ignores visits after asOf', () => {
      const visits = [aVisit(), aVisit({ visitDate: '2026-06-02', systolic: 170 })];
      const result = sut(anInput({ visits }));
      expect(result.emergencies).toEqual([]);
      expect(result.derived.visitsConsidered).toBe(1);
    });
  });

  describe('WHO-TEMP', () => {
    it.each([
      [{ temperatureC: 38, temperatureRepeatC: 38.2 }, ['WHO-TEMP'], []],
      [{ temperatureC: 38.5, temperatureRepeatC: 37.6 }, [], ['WHO-TEMP-UNCONFIRMED']],
      [{ temperatureC: 38.5, temperatureRepeatC: null }, [], ['WHO-TEMP-UNCONFIRMED']],
      [{ temperatureC: 37.9, temperatureRepeatC: 37.9 }, [], []],
    ])('%j', (t, emergencies, warnings) => {
      const result = atVisit(t);
      expect(ids(result.emergencies)).toEqual(emergencies);
      expect(ids(result.warnings)).toEqual(warnings);
    });
  });

  describe('WHO-PULSE', () => {
    it.each([
      [{ pulse: 110, pulseRepeat: 104 }, ['WHO-PULSE'], []],
      [{ pulse: 55, pulseRepeat: 58 }, ['WHO-PULSE'], []],
      [{ pulse: 110, pulseRepeat: 96 }, [], ['WHO-PULSE-UNCONFIRMED']],
      [{ pulse: 100, pulseRepeat: 60 }, [], []],
    ])('%j', (p, emergencies, warnings) => {
      const result = atVisit(p);
      expect(ids(result.emergencies)).toEqual(emergencies);
      expect(ids(result.warnings)).toEqual(warnings);
    });
  });

  describe('WHO-SPO2', () => {
    it('refers below 92 %, not at 92', () => {
      expect(ids(atVisit({ spo2: 91 }).emergencies)).toEqual(['WHO-SPO2']);
      expect(atVisit({ spo2: 92 }).emergencies).toEqual([]);
    });
  });

  describe('WHO-FHR from 20 weeks', () => {
    it.each([
      [{ fetalHeartRate: 95, fetalHeartRateRepeat: 92 }, ['WHO-FHR'], []],
      [{ fetalHeartRate: 185, fetalHeartRateRepeat: 190 }, ['WHO-FHR'], []],
      [{ fetalHeartRate: 95, fetalHeartRateRepeat: 140 }, [], ['WHO-FHR-UNCONFIRMED']],
      [{ fetalHeartRate: 95, fetalHeartRateRepeat: null }, [], ['WHO-FHR-UNCONFIRMED']],
      [{ fetalHeartRate: 100, fetalHeartRateRepeat: 180 }, [], []],
      [{ fetalHeartRate: 0, fetalHeartRateRepeat: null }, ['WHO-FHR'], []],
    ])('%j at 24 weeks', (fhr, emergencies, warnings) => {
      const result = atVisit({ intrauterineFetalDeath: null, ...fhr });
      expect(ids(result.emergencies)).toEqual(emergencies);
      expect(ids(result.warnings)).toEqual(warnings);
    });

    it('records "no heartbeat" in the facts', () => {
      const [finding] = atVisit({ fetalHeartRate: 0 }).emergencies;
      expect(finding.facts).toMatchObject({ noHeartbeat: true, gestationalAgeWeeks: 24 });
    });

    it('does not apply before 20 weeks', () => {
      const result = atVisit({ fetalHeartRate: 90, fetalHeartRateRepeat: 0 }, hphtForGestationalAge(19, 6));
      expect(result.emergencies).toEqual([]);
      expect(result.warnings).toEqual([]);
    });
  });

  describe('WHO-FM from 20 weeks', () => {
    it.each(['reduced', 'none'] as const)('%s movement at 20w0d refers', (fetalMovement) => {
      expect(ids(atVisit({ fetalMovement }, hphtForGestationalAge(20)).emergencies)).toEqual(['WHO-FM']);
    });

    it('is not asked before 20 weeks', () => {
      expect(atVisit({ fetalMovement: 'none' }, hphtForGestationalAge(19, 6)).emergencies).toEqual([]);
    });
  });

  describe('WHO-HB by gestational age at the visit', () => {
    it.each([
      [10.9, 12, 6, true], // <= 12 weeks: < 11.0
      [10.9, 13, 0, false], // 13-27 weeks: < 10.5
      [10.9, 20, 0, false],
      [10.4, 20, 0, true],
      [10.5, 27, 6, false],
      [10.9, 28, 0, true], // >= 28 weeks: < 11.0
      [11.0, 12, 0, false],
    ])('Hb %p at %iw%id anaemic: %p', (hemoglobin, weeks, days, anaemic) => {
      const result = atVisit({ hemoglobin }, hphtForGestationalAge(weeks, days));
      expect(ids(result.warnings)).toEqual(anaemic ? ['WHO-HB'] : []);
      expect(result.factors.find((f) => f.ruleId === 'KSPR-11a')?.status).toBe(anaemic ? 'present' : 'absent');
    });

    it('reads the latest measured Hb even when the latest visit did not measure it', () => {
      const visits = [aVisit({ visitDate: '2026-05-25', hemoglobin: 9.8 }), aVisit({ hemoglobin: null })];
      expect(sut(anInput({ visits })).warnings).toEqual([
        {
          ruleId: 'WHO-HB',
          description: expect.any(String),
          facts: { visitDate: '2026-05-25', gestationalAgeWeeks: 23, hemoglobin: 9.8, threshold: 10.5 },
        },
      ]);
    });
  });

  describe('KEMENKES-LILA and KEMENKES-TB', () => {
    it('warns on LiLA below 23.5 cm', () => {
      expect(ids(atVisit({ lilaCm: 23.4 }).warnings)).toEqual(['KEMENKES-LILA']);
      expect(atVisit({ lilaCm: 23.5 }).warnings).toEqual([]);
    });

    it('warns on height below 145 cm (KSPR-7 already scores 145 itself)', () => {
      const at = (heightCm: number): Assessment => sut(anInput({ pregnancy: aPregnancy({ heightCm }) }));
      expect(ids(at(144.9).warnings)).toEqual(['KEMENKES-TB']);
      expect(at(145).warnings).toEqual([]);
      expect(at(145).score).toBe(6);
    });
  });

  describe('OVERDUE-VISIT', () => {
    it('warns when the next contact is overdue', () => {
      // Last visit at 12 weeks (contact 1); contact 2 (target 20 weeks) overdue from 22w0d.
      const pregnancy = aPregnancy({ hpht: hphtForGestationalAge(22) });
      const visits = [aVisit({ visitDate: '2026-03-23' })];
      const { warnings } = sut(anInput({ pregnancy, visits }));
      expect(warnings).toEqual([
        {
          ruleId: 'OVERDUE-VISIT',
          description: expect.any(String),
          facts: {
            contact: 2,
            targetWeek: 20,
            overdueFrom: '2026-06-01',
            lastVisitDate: '2026-03-23',
            gestationalAgeDays: 154,
          },
        },
      ]);
    });

    it('does not warn the day before', () => {
      const pregnancy = aPregnancy({ hpht: hphtForGestationalAge(21, 6) });
      expect(sut(anInput({ pregnancy, visits: [aVisit({ visitDate: '2026-03-23' })] })).warnings).toEqual([]);
    });
  });
});
