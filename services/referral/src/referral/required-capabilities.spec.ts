import { requiredCapabilities } from './required-capabilities';

describe(requiredCapabilities.name, () => {
  it('sends every planned referral to an obstetrician', () => {
    expect(requiredCapabilities({ urgency: 'planned' })).toEqual(['obstetrician']);
  });

  it('sends an emergency to a PONEK hospital', () => {
    expect(requiredCapabilities({ urgency: 'emergency' })).toEqual(['obstetrician', 'ponek']);
  });

  it('adds what the diagnosis needs: eclampsia an ICU, placenta praevia blood and theatre', () => {
    expect(requiredCapabilities({ urgency: 'emergency', icd10: 'O15.0' })).toEqual(['obstetrician', 'ponek', 'icu']);
    expect(requiredCapabilities({ urgency: 'emergency', icd10: 'O44.1' })).toEqual(['obstetrician', 'ponek', 'caesarean', 'blood-bank']);
    expect(requiredCapabilities({ urgency: 'emergency', icd10: 'o14.1' })).toEqual(['obstetrician', 'ponek']);
  });

  it('matches ICD-10 codes by whole category, not by text prefix', () => {
    // O34.2 (uterine scar) needs theatre; O34.1 (uterine tumour) is not listed.
    expect(requiredCapabilities({ urgency: 'planned', icd10: 'O34.2' })).toEqual(['obstetrician', 'caesarean']);
    expect(requiredCapabilities({ urgency: 'planned', icd10: 'O34.1' })).toEqual(['obstetrician']);
    // O150 is not O15.x written without the dot; only O15 and O15.* match.
    expect(requiredCapabilities({ urgency: 'planned', icd10: 'O150' })).toEqual(['obstetrician']);
  });

  it('adds what her risk factors need (KSPR-10 previous caesarean, KSPR-19 bleeding)', () => {
    expect(requiredCapabilities({ urgency: 'planned', ruleIds: ['KSPR-0', 'KSPR-10', 'KSPR-19'] })).toEqual([
      'obstetrician',
      'caesarean',
      'blood-bank',
    ]);
  });

  it('keeps what the referrer asked for, once', () => {
    expect(requiredCapabilities({ urgency: 'emergency', requested: ['nicu', 'ponek'] })).toEqual(['obstetrician', 'ponek', 'nicu']);
  });
});
