#!/usr/bin/env node
// Key exchange ops/s for every method of @ssh/crypto's kex registry, node:crypto
// path versus portable (@noble/*, bigint) path, in one run.
//
//   node tools/bench/crypto/kex.mjs [--time MS] [--filter REGEX] [--json]
//
// One op is one whole exchange: client start(), server respond(), client
// finish() (RSA: client encryptSecret() + server decryptSecret() with a
// transient key made once; its generation is timed on its own column).
// Group exchange uses a 2048-bit prime from /etc/ssh/moduli.
// The kex sources are bundled on the fly with esbuild, so no build is needed.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// esbuild is not hoisted by pnpm: reach it through tsup, which depends on it.
const { build } = createRequire(realpathSync(join(root, 'node_modules/tsup/package.json')))('esbuild');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const budgetMs = Number(opt('--time', '400'));
const filter = new RegExp(opt('--filter', '.'));
const asJson = args.includes('--json');

async function load() {
  const out = mkdtempSync(join(tmpdir(), 'kex-bench-'));
  const entries = {
    portable: join(root, 'packages/crypto/src/kex/index.ts'),
    node: join(root, 'packages/crypto/src/kex/index.node.ts'),
  };
  await build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@ssh/source'],
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  const portable = await import(pathToFileURL(join(out, 'portable.mjs')).href);
  const node = await import(pathToFileURL(join(out, 'node.mjs')).href);
  rmSync(out, { recursive: true, force: true });
  return { node, portable };
}

function opsPerSecond(fn) {
  fn(); // warm up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || n < 3) {
    fn();
    n++;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

function exchangeOp(m, group) {
  switch (m.family) {
    case 'rsa': {
      const key = m.createServerKey();
      return () => key.decryptSecret(m.encryptSecret(key.publicKey).encryptedSecret);
    }
    case 'dh-gex':
      return () => {
        const c = m.start(group);
        c.finish(m.respond(c.publicValue, group).publicValue);
      };
    default:
      return () => {
        const c = m.start();
        c.finish(m.respond(c.publicValue).publicValue);
      };
  }
}

if (!asJson)
  console.log(`${'method'.padEnd(46)}${'node/s'.padStart(9)}${'noble/s'.padStart(9)}${'ratio'.padStart(9)}`);
const lib = await load();
// Group exchange runs over a 2048-bit prime of the system moduli file, as a
// server would pick it (OpenSSL does not know it by name); group 14 if none.
const moduli = await lib.node.loadModuli();
const gexGroup = moduli.find((g) => g.bits === 2048) ?? lib.node.DH_GROUP14;
const rows = [];
for (const name of lib.node.kexRegistry.supported) {
  if (!filter.test(name)) continue;
  const row = { method: name };
  for (const path of ['node', 'portable']) {
    const m = lib[path].kexRegistry.get(name);
    row[path] = opsPerSecond(exchangeOp(m, gexGroup));
    if (m.family === 'rsa') {
      row[`${path}Keygen`] = opsPerSecond(() => m.createServerKey());
    }
  }
  rows.push(row);
  if (!asJson) {
    const fmt = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1)).padStart(9);
    const extra =
      row.nodeKeygen !== undefined
        ? `   transient key: node ${row.nodeKeygen.toFixed(1)}/s, portable ${row.portableKeygen.toFixed(2)}/s`
        : '';
    console.log(
      `${name.padEnd(46)}${fmt(row.node)}${fmt(row.portable)}${(row.node / row.portable).toFixed(2).padStart(8)}x${extra}`,
    );
  }
}
if (asJson) console.log(JSON.stringify({ budgetMs, rows }));
