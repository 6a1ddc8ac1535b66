#!/usr/bin/env node
// `npm test`: build, unit tests, then integration and end-to-end tests against the real PostgreSQL and Kafka
// (see test/setup/infrastructure.mjs for where those come from). Prints one closing tally.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// End-to-end tests run the built services as separate processes, as `npm start` does.
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(path.join(tmpdir(), 'siaga-test-'));
const suites = [
  ['unit', ['-c', 'jest.unit.config.js']],
  ['integration', ['-c', 'jest.integration.config.js', '--runInBand']],
];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const [name, args] of suites) {
  const report = path.join(dir, `${name}.json`);
  const result = spawnSync(
    process.execPath,
    ['scripts/test/jest.mjs', ...args, '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
  } catch {
    failed += 1; // the runner died before writing its report
  }
  if (result.status !== 0) exitCode = result.status ?? 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
