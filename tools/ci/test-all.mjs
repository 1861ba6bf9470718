#!/usr/bin/env node
// The whole test command: install the real peers (as root on Debian), then
// format + lint, typecheck, the dependency-order check, the build of every
// package, and every test (unit, property, interop). Ends with one line,
// `N passed, N failed`, counting the tests and the four checks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

function step(title, file, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(file, args, { cwd: root, stdio: 'inherit', env });
  const ok = r.status === 0;
  console.log(
    `=== ${title}: ${ok ? 'ok' : `FAILED (${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

let passed = 0;
let failed = 0;
const check = (ok) => (ok ? passed++ : failed++);

if (
  !step('peers (OpenSSH, AsyncSSH, Dropbear, PuTTY; Debian 12 and 13)', process.execPath, [
    'tools/testing/install-peers.mjs',
  ])
) {
  failed++;
}
check(step('format + lint (biome)', bin('biome'), ['check', '.']));
check(step('typecheck (tsc, strict)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
check(step('package order (check-deps)', process.execPath, ['tools/check-deps/check-deps.mjs']));
check(step('build (tsup: ESM + CJS + .d.ts)', bin('turbo'), ['run', 'build', '--output-logs=errors-only']));

const out = mkdtempSync(path.join(tmpdir(), 'ssh-vitest-'));
const report = path.join(out, 'report.json');
step('tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that failed to load has no tests of its own: count it once.
  for (const suite of r.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed++;
  }
  if (r.numPendingTests + r.numTodoTests > 0) console.log(`(${r.numPendingTests + r.numTodoTests} skipped)`);
} else {
  console.log('vitest wrote no report');
  failed++;
}
rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
