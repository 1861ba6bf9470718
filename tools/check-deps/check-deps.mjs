#!/usr/bin/env node
// Enforce the package order of DESIGN.md:
//  1. a package imports (and depends on) only packages above it in the order;
//  2. never another package's src/ files, nor a file outside its own folder;
//  3. nothing reachable from a neutral entry point imports a Node built-in.
// Usage: node tools/check-deps/check-deps.mjs [repo-root]   (exit 1 on a violation)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The design's order, top first; `neutral` marks packages whose default entry points must not touch Node. */
export const ORDER = [
  { name: 'wire', neutral: true },
  { name: 'crypto', neutral: true },
  { name: 'transport', neutral: true },
  { name: 'auth', neutral: true },
  { name: 'channels', neutral: true },
  { name: 'forward', neutral: false },
  { name: 'sftp', neutral: true },
  { name: 'tuntap', neutral: false },
  { name: 'config', neutral: true },
  { name: 'ssh', neutral: false },
];

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));
const IMPORT_RE =
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Module specifiers a source file imports (type-only imports included: they still couple packages). */
export function importsOf(source) {
  const out = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(IMPORT_RE)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (
      /\.(ts|mts|cts|js|mjs)$/.test(e.name) &&
      !/\.test\.ts$/.test(e.name) &&
      !e.name.endsWith('.d.ts')
    )
      out.push(p);
  }
  return out;
}

/** The source files of a package's neutral entry points: every export target except `node` conditions and `./node` subpaths. */
function neutralEntries(pkgDir, pkgJson) {
  const entries = new Set();
  const walk = (target, isNode) => {
    if (typeof target === 'string') return;
    if (!target || typeof target !== 'object') return;
    for (const [key, value] of Object.entries(target)) {
      const nodeHere = isNode || key === 'node';
      if (key === '@ssh/source' && typeof value === 'string') {
        if (!nodeHere) entries.add(path.join(pkgDir, value));
      } else walk(value, nodeHere);
    }
  };
  for (const [sub, target] of Object.entries(pkgJson.exports ?? {})) {
    if (sub === './package.json' || /(^|\/)node$/.test(sub)) continue;
    walk(target, false);
  }
  return [...entries];
}

function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    path.join(base, 'index.ts'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Check a repository; returns a list of violations (strings). */
export function checkRepo(root) {
  const problems = [];
  const rank = new Map(ORDER.map((p, i) => [p.name, i]));
  for (const [i, { name, neutral }] of ORDER.entries()) {
    const pkgDir = path.join(root, 'packages', name);
    const pkgFile = path.join(pkgDir, 'package.json');
    if (!existsSync(pkgFile)) {
      problems.push(`packages/${name}: missing package.json`);
      continue;
    }
    const pkgJson = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const declared = new Set(Object.keys({ ...pkgJson.dependencies, ...pkgJson.peerDependencies }));
    for (const dep of declared) {
      const m = /^@ssh\/([^/]+)$/.exec(dep);
      if (!m) continue;
      const r = rank.get(m[1]);
      if (r === undefined)
        problems.push(
          `packages/${name}/package.json: depends on ${dep}, which is not a published @ssh package`,
        );
      else if (r >= i)
        problems.push(
          `packages/${name}/package.json: depends on ${dep}, which comes after @ssh/${name} in the order`,
        );
    }
    for (const file of sourceFiles(path.join(pkgDir, 'src'))) {
      const rel = path.relative(root, file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const m = /^@ssh\/([^/]+)(\/.*)?$/.exec(spec);
        if (m) {
          const r = rank.get(m[1]);
          if (m[1] === name)
            problems.push(`${rel}: imports its own package by name (${spec}); use a relative path`);
          else if (r === undefined)
            problems.push(`${rel}: imports ${spec}, which is not a published @ssh package`);
          else if (r > i)
            problems.push(`${rel}: imports ${spec}, which comes after @ssh/${name} in the order`);
          else if (!declared.has(`@ssh/${m[1]}`))
            problems.push(`${rel}: imports ${spec} without declaring it in package.json`);
          if (m[2] && /(^|\/)src(\/|$)/.test(m[2]))
            problems.push(`${rel}: imports another package's src/ (${spec})`);
        } else if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(pkgDir + path.sep))
            problems.push(`${rel}: imports ${spec}, outside its own package`);
        }
      }
    }
    if (!neutral) continue;
    // Walk the import graph from each neutral entry point.
    const seen = new Map();
    const queue = neutralEntries(pkgDir, pkgJson).map((f) => [f, [path.relative(root, f)]]);
    while (queue.length > 0) {
      const [file, chain] = queue.shift();
      if (seen.has(file)) continue;
      seen.set(file, chain);
      if (/\.node\.ts$/.test(file))
        problems.push(`${chain.join(' -> ')}: a *.node.ts file is reachable from a neutral entry point`);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0])) {
          problems.push(
            `${chain.join(' -> ')}: imports the Node built-in '${spec}' from a neutral entry point`,
          );
        } else if (spec.startsWith('.')) {
          const next = resolveRelative(file, spec);
          if (next) queue.push([next, [...chain, path.relative(root, next)]]);
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  );
  const problems = checkRepo(root);
  if (problems.length > 0) {
    console.error(`check-deps: ${problems.length} violation(s) of the package order (DESIGN.md):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(
    `check-deps: ${ORDER.length} packages follow the design's order; neutral entry points import no Node built-ins`,
  );
}
