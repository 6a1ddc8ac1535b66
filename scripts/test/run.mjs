#!/usr/bin/env node
// `npm test`: build, unit tests, then integration and end-to-end tests against the real PostgreSQL and Kafka
// (see test/setup/infrastructure.mjs for where those come from). Prints one closing tally.
// The fault tests (test/faults) own their PostgreSQL and broker and spend most of their time waiting on
// outages, so they run beside the other integration tests instead of after them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kafkaBrokers, keycloakEnv, postgresServerUrl } from '../../test/setup/infrastructure.mjs';
import { runExitCode, suiteArgs } from './test-plan.mjs';

// End-to-end tests run the built services as separate processes, as `npm start` does.
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(path.join(tmpdir(), 'siaga-test-'));
const extra = process.argv.slice(2);

/** Runs one jest suite; resolves with its exit code and its tally (from jest's JSON report). */
function runSuite(name, args) {
  const report = path.join(dir, `${name}.json`);
  const child = spawn(process.execPath, ['scripts/test/jest.mjs', ...suiteArgs([...args, '--json', `--outputFile=${report}`], extra)], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      try {
        const summary = JSON.parse(readFileSync(report, 'utf8'));
        const broken = summary.numRuntimeErrorTestSuites ?? 0; // a suite that failed to load counts as a failed test
        resolve({ code, passed: summary.numPassedTests, failed: summary.numFailedTests + broken, total: summary.numTotalTests + broken });
      } catch {
        resolve({ code: code || 1, passed: 0, failed: 1, total: 1 }); // the runner died before writing its report
      }
    });
  });
}

const integration = ['-c', 'jest.integration.config.js', '--runInBand'];
const results = [await runSuite('unit', ['-c', 'jest.unit.config.js'])];
// One PostgreSQL, one broker and one Keycloak for both integration runs, started here (when the environment names
// none) so two test setups never race to start them, nor one stops them while the other still runs.
const started = [];
const [serverUrl, brokers, keycloak] = await Promise.all([postgresServerUrl(started), kafkaBrokers(started), keycloakEnv(started)]);
process.env.DATABASE_URL = serverUrl;
process.env.KAFKA_BROKERS = brokers;
Object.assign(process.env, keycloak);
if (extra.length > 0) {
  results.push(await runSuite('integration', integration)); // a filter from the command line: one run, as asked
} else {
  results.push(
    ...(await Promise.all([
      runSuite('integration', [...integration, '--testPathIgnorePatterns', '/node_modules/', '/test/faults/']),
      runSuite('faults', [...integration, 'test/faults/']),
    ])),
  );
}
for (const infra of started.reverse()) await infra.stop();
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const code = runExitCode(results, extra);
if (extra.length > 0 && results.every((r) => r.total === 0)) console.error(`\nNo test matched: ${extra.join(' ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(code);
