import { assess } from './assess';
import { KSPR_FACTOR_IDS } from './rule-ids';
import { CURRENT_RULE_SET, type RuleSet } from './rule-set';
import { aPregnancy, anInput } from './test-fixtures';

describe('rule set', () => {
  it('is versioned', () => {
    expect(CURRENT_RULE_SET.version).toBe('kspr-rochjati.v1+who-anc-dak.v1');
    expect(assess(anInput()).ruleSetVersion).toBe(CURRENT_RULE_SET.version);
  });

  it('has the card points: 2 baseline, 8 for KSPR-10, 17, 18, 19, 20, 4 for the rest', () => {
    const eight = new Set(['KSPR-10', 'KSPR-17', 'KSPR-18', 'KSPR-19', 'KSPR-20']);
    for (const id of KSPR_FACTOR_IDS) {
      expect([id, CURRENT_RULE_SET.kspr.points[id]]).toEqual([id, id === 'KSPR-0' ? 2 : eight.has(id) ? 8 : 4]);
    }
  });

  describe('a district variant is a value, not a fork', () => {
    const heightBelow145: RuleSet = {
      ...CURRENT_RULE_SET,
      version: 'kspr-rochjati.v1-lt145+who-anc-dak.v1',
      kspr: { ...CURRENT_RULE_SET.kspr, shortStatureCm: { op: '<', value: 145 } },
    };
    const at145 = anInput({ pregnancy: aPregnancy({ heightCm: 145 }) });
    const at144 = anInput({ pregnancy: aPregnancy({ heightCm: 144 }) });

    it('height < 145 instead of <= 145 changes the result at exactly 145 cm', () => {
      expect(assess(at145).score).toBe(6);
      const variant = assess(at145, heightBelow145);
      expect(variant.score).toBe(2);
      expect(variant.factors.find((f) => f.ruleId === 'KSPR-7')).toMatchObject({
        status: 'absent',
        facts: { heightCm: 145 },
      });
      expect(variant.ruleSetVersion).toBe('kspr-rochjati.v1-lt145+who-anc-dak.v1');
    });

    it('and agrees away from the boundary', () => {
      expect(assess(at144, heightBelow145).score).toBe(assess(at144).score);
    });

    it('counting para instead of living children for KSPR-5', () => {
      const byPara: RuleSet = {
        ...CURRENT_RULE_SET,
        kspr: { ...CURRENT_RULE_SET.kspr, manyChildren: { count: 'para', threshold: { op: '>=', value: 4 } } },
      };
      const input = anInput({ pregnancy: aPregnancy({ history: { gravida: 5, para: 4, livingChildren: 3 } }) });
      expect(assess(input).factors.find((f) => f.ruleId === 'KSPR-5')?.status).toBe('absent');
      expect(assess(input, byPara).factors.find((f) => f.ruleId === 'KSPR-5')).toMatchObject({
        status: 'present',
        facts: { para: 4 },
      });
    });
  });
});
