import { overallReadiness } from './readiness';

describe(overallReadiness.name, () => {
  it('is up when every check is up (or there is none)', () => {
    expect(overallReadiness([{ status: 'up' }, { status: 'up' }])).toBe('up');
    expect(overallReadiness([])).toBe('up');
  });

  it('is degraded when a check is degraded and none is down', () => {
    expect(overallReadiness([{ status: 'up' }, { status: 'degraded', reason: 'a clinical event was dead-lettered' }])).toBe('degraded');
  });

  it('is down when any check is down, degraded or not', () => {
    expect(
      overallReadiness([
        { status: 'degraded', reason: 'x' },
        { status: 'down', error: 'no answer within 2000 ms' },
      ]),
    ).toBe('down');
  });
});
