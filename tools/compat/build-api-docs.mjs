#!/usr/bin/env node
// Build the API reference of every @ssh package with TypeDoc, from the sources, with zero warnings.
//
//   node tools/compat/build-api-docs.mjs [--out DIR] [-- extra typedoc args]
//
// One documented module per public entry point (`@ssh/auth`, `@ssh/auth/node`, ...): the script
// writes a small module per entry into a temporary folder (named with `@module`, described by the
// package's own header comment) and runs TypeDoc over them with tools/compat/typedoc.json.
// The default output is docs/api.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PACKAGES, packageEntries, ROOT } from './lib/entries.mjs';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const extra = dash >= 0 ? args.slice(dash + 1) : [];
const outAt = args.indexOf('--out');
const out =
  outAt >= 0 && outAt < (dash >= 0 ? dash : args.length) ? args[outAt + 1] : join(ROOT, 'docs', 'api');

/** The package's header comment (`/** @ssh/x: text *\/`) as plain text, without its `@ssh/x:` name. */
function headerText(file, specifier) {
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'));
  if (!m) return '';
  const text = m[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .join(' ')
    .trim();
  return text.startsWith(`${specifier}:`) ? text.slice(specifier.length + 1).trim() : text;
}

const work = mkdtempSync(join(tmpdir(), 'ssh-api-'));
try {
  const entryFiles = [];
  for (const dir of PACKAGES) {
    for (const { specifier, file } of packageEntries(dir)) {
      const name = specifier.replace(/^@ssh\//, '').replace(/\//g, '-');
      const wrapper = join(work, `${name}.ts`);
      const target = relative(work, file).replace(/\.ts$/, '.js');
      const about = headerText(file, specifier).replace(/\*\//g, '*\\/').replace(/@/g, '\\@');
      writeFileSync(
        wrapper,
        `/**\n * ${about}\n *\n * @module ${specifier}\n */\nexport * from '${target}';\n`,
      );
      entryFiles.push(wrapper);
    }
  }
  const tsconfig = join(work, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, 'tools', 'compat', 'tsconfig.api.json'),
      include: [join(work, '*.ts'), join(ROOT, 'packages', '*', 'src')],
      exclude: [join(ROOT, 'packages', '*', 'src', '**', '*.test.ts')],
    }),
  );
  const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
  const run = spawnSync(
    process.execPath,
    [
      typedoc,
      '--options',
      join(ROOT, 'tools', 'compat', 'typedoc.json'),
      '--tsconfig',
      tsconfig,
      '--out',
      out,
      ...entryFiles.flatMap((f) => ['--entryPoints', f]),
      ...extra,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
