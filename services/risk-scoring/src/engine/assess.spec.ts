import { assess as sut } from './assess';
import { AS_OF, aPregnancy, anInput, aVisit } from './test-fixtures';

describe(sut.name, () => {
  it('returns score, category, factors, findings, rule set version and derived facts', () => {
    expect(sut(anInput())).toEqual({
      score: 2,
      category: 'KRR',
      factors: expect.any(Array),
      emergencies: [],
      warnings: [],
      ruleSetVersion: 'kspr-rochjati.v1+who-anc-dak.v1',
      gestationalAgeWeeks: 24,
      derived: {
        asOfDate: '2026-06-01',
        ageYears: 28,
        firstPregnancy: false,
        gestationalAge: { weeks: 24, days: 0, totalDays: 168 },
        hpl: '2026-09-21',
        yearsSinceLastBirth: 4,
        yearsMarriedAtHpht: 6,
        latestVisitDate: '2026-06-01',
        visitsConsidered: 1,
        nextContact: {
          contact: 4,
          trimester: 3,
          targetWeek: 30,
          targetDate: '2026-07-13',
          overdueFrom: '2026-07-27',
          overdue: false,
          lastVisitDate: '2026-06-01',
        },
      },
    });
  });

  it('has a null gestational age when asOf is before HPHT', () => {
    const result = sut(anInput({ pregnancy: aPregnancy({ hpht: '2026-06-02' }), visits: [] }));
    expect(result.gestationalAgeWeeks).toBeNull();
    expect(result.factors.find((f) => f.ruleId === 'KSPR-16')?.status).toBe('unknown');
  });

  it('adds up the score from the factor points', () => {
    const pregnancy = aPregnancy({ heightCm: 140, conditions: ['malaria'], history: { previousCaesarean: true } });
    const result = sut(anInput({ pregnancy }));
    expect(result.score).toBe(result.factors.reduce((sum, f) => sum + f.points, 0));
    expect(result.score).toBe(2 + 4 + 4 + 8);
    expect(result.category).toBe('KRST');
  });

  it('is pure: same input, same output, input untouched', () => {
    const input = anInput({
      visits: [aVisit({ systolic: 170, dangerSigns: ['severe-headache'] }), aVisit({ visitDate: '2026-05-01' })],
    });
    const before = JSON.stringify(input);
    expect(sut(input)).toEqual(sut(input));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('assesses a woman with no visits from her snapshot alone', () => {
    const result = sut({ pregnancy: aPregnancy(), visits: [], asOf: AS_OF });
    expect(result.derived.latestVisitDate).toBeNull();
    expect(result.emergencies).toEqual([]);
    expect(result.warnings.map((w) => w.ruleId)).toEqual(['OVERDUE-VISIT']); // 24 weeks and never seen
  });
});
