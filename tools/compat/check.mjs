#!/usr/bin/env node
// Check docs/compatibility.jsonl against the packages and their tests.
//
//   node tools/compat/check.mjs            print every entry that no longer holds (exit 1 if any)
//   node tools/compat/check.mjs --propose  rewrite the status file: absent/works from the probes,
//                                          tests and peers kept when they still hold, else found anew;
//                                          then regenerate docs/compatibility.md
//
// The packages are imported from their TypeScript sources, so the script re-runs itself under tsx
// with the `@ssh/source` export condition.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (!process.env.SSH_COMPAT_LOADER) {
  const args = [
    '--conditions=@ssh/source',
    '--import',
    import.meta.resolve('tsx'),
    fileURLToPath(import.meta.url),
  ];
  const run = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SSH_COMPAT_LOADER: '1' },
  });
  process.exit(run.status ?? 1);
}

const { loadSurfaces } = await import('./lib/surface.mjs');
const { MARKDOWN_FILE, STATUS_FILE, readFeatures, readStatus, writeStatus } = await import(
  './lib/status.mjs'
);
const { checkFeatureList, checkStatus } = await import('./lib/verify.mjs');
const { renderMarkdown, totals } = await import('./lib/render.mjs');

const surfaces = await loadSurfaces();
const features = readFeatures();
let entries = existsSync(STATUS_FILE) ? readStatus() : [];

if (process.argv.includes('--propose')) {
  const { propose } = await import('./lib/propose.mjs');
  const { GENERATIONS, opensshAlgorithms } = await import('@ssh/testing');
  const { asyncsshAlgorithms } = await import('./lib/asyncssh-lists.mjs');
  const lists = { openssh: {}, asyncssh: asyncsshAlgorithms() };
  for (const kind of ['kex', 'cipher', 'mac', 'HostKeyAlgorithms']) {
    lists.openssh[kind] = [...new Set(GENERATIONS.flatMap((g) => opensshAlgorithms(g, kind)))];
  }
  const result = propose(features ?? entries, entries, surfaces, lists);
  entries = result.entries;
  writeStatus(entries);
  writeFileSync(MARKDOWN_FILE, `${renderMarkdown(entries)}\n`);
  for (const line of result.changed) console.log(`changed  ${line}`);
  for (const id of result.unresolved) console.log(`no test  ${id}`);
}

const problems = [...checkFeatureList(entries, features)];
for (const entry of entries) problems.push(...checkStatus(entry, surfaces));
for (const p of problems) console.log(p);
for (const r of totals(entries)) {
  console.log(
    `${r.package.padEnd(16)} peer ${r.peer}  ours ${r.ours}  untested ${r.untested}  absent ${r.absent}  of ${r.total}`,
  );
}
process.exit(problems.length > 0 ? 1 : 0);
