// What `npm test` runs and how it closes, kept apart from run.mjs (which spawns) so it can be unit-tested.

/**
 * Arguments of one jest suite. With a filter from the command line (`npm test -- test/faults`) a suite in which
 * it matches nothing passes (the unit suite has no fault test); without one, a suite that finds no test fails.
 * @param {string[]} suite the suite's own arguments
 * @param {string[]} filter what followed `npm test --`
 * @returns {string[]}
 */
export function suiteArgs(suite, filter) {
  return filter.length > 0 ? [...suite, '--passWithNoTests', ...filter] : suite;
}

/**
 * The run's exit code: the first failing suite's; with a filter, 1 when no suite ran a single test (a filter
 * that matches nothing anywhere is a typo, not a pass).
 * @param {Array<{code: number, total: number}>} results
 * @param {string[]} filter
 * @returns {number}
 */
export function runExitCode(results, filter) {
  const failed = results.find((r) => r.code !== 0);
  if (failed) return failed.code;
  return filter.length > 0 && results.every((r) => r.total === 0) ? 1 : 0;
}
