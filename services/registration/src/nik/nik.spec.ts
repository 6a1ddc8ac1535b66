import { checkNik } from './nik';

describe(checkNik.name, () => {
  // 35.10.20 = Sempu, Banyuwangi; born 1996-05-07 → day 07 + 40 = 47.
  const birthDate = '1996-05-07';

  it('accepts a well-formed NIK of a woman born on the stated date', () => {
    expect(checkNik('3510204705960001', birthDate)).toEqual({ valid: true, problems: [], unknownDistrict: false });
  });

  it('rejects a birth day without the +40 for women', () => {
    expect(checkNik('3510200705960001', birthDate).problems).toContain('birth day must have 40 added (the mother is a woman)');
  });

  it('rejects birth digits that contradict the birth date', () => {
    expect(checkNik('3510204805960001', birthDate).valid).toBe(false);
  });

  it('rejects an unknown province or regency', () => {
    expect(checkNik('9910204705960001', birthDate).valid).toBe(false);
  });

  it('accepts but flags a district code that is no longer listed', () => {
    expect(checkNik('3510994705960001', birthDate)).toEqual({ valid: true, problems: [], unknownDistrict: true });
  });

  it('rejects a zero serial and non-digits', () => {
    expect(checkNik('3510204705960000', birthDate).valid).toBe(false);
    expect(checkNik('35102047059600X1', birthDate).valid).toBe(false);
  });
});
