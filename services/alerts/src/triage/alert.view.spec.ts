import { gestationalAge } from './alert.view';

describe(gestationalAge.name, () => {
  it('counts completed weeks and days from HPHT', () => {
    expect(gestationalAge('2026-01-05', '2026-06-01')).toEqual({ weeks: 21, days: 0, label: '21w0d' });
    expect(gestationalAge('2026-01-05', '2026-06-04')).toEqual({ weeks: 21, days: 3, label: '21w3d' });
  });

  it('is unknown without HPHT, or before it', () => {
    expect(gestationalAge(null, '2026-06-01')).toBeNull();
    expect(gestationalAge('2026-07-01', '2026-06-01')).toBeNull();
  });
});
