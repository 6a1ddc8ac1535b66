import { runExitCode, suiteArgs } from '@scripts/test/test-plan.mjs';

describe('npm test with and without a filter', () => {
  const unit = ['-c', 'jest.unit.config.js'];

  it('lets a suite in which the filter matches nothing pass', () => {
    expect(suiteArgs(unit, ['test/faults'])).toEqual([...unit, '--passWithNoTests', 'test/faults']);
  });

  it('keeps a suite without a filter failing when it finds no test', () => {
    expect(suiteArgs(unit, [])).toEqual(unit);
  });

  it('passes a filtered run whose match is in one suite only', () => {
    const results = [
      { code: 0, total: 0 },
      { code: 0, total: 3 },
    ];
    expect(runExitCode(results, ['test/faults'])).toBe(0);
  });

  it('fails a filtered run that ran no test at all', () => {
    const results = [
      { code: 0, total: 0 },
      { code: 0, total: 0 },
    ];
    expect(runExitCode(results, ['test/fualts'])).toBe(1);
  });

  it('takes the first failing suite’s code', () => {
    const results = [
      { code: 0, total: 4 },
      { code: 1, total: 2 },
    ];
    expect(runExitCode(results, [])).toBe(1);
    expect(runExitCode(results, ['x'])).toBe(1);
  });

  it('passes an unfiltered run whose suites all passed', () => {
    expect(runExitCode([{ code: 0, total: 4 }], [])).toBe(0);
  });
});
