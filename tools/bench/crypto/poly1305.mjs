#!/usr/bin/env node
// Poly1305 alone: MB/s of @ssh/crypto's WebAssembly Poly1305 and @noble/ciphers' on the same messages.
//
//   node tools/bench/crypto/poly1305.mjs [--time 0.2] [--reps 5] [--sizes 64,1024,32784] [--json]
//   node tools/bench/crypto/poly1305.mjs --against HEAD~1     # adds the WebAssembly Poly1305 of a git revision
//
// The sources (packages/crypto/src/cipher/poly1305*.ts) are bundled on the fly with esbuild, so no
// build is needed. 32784 bytes is what chacha20-poly1305@openssh.com authenticates for a 32 KiB
// payload (length field, padding length, payload, padding). Each figure runs --time seconds; the two
// implementations alternate for --reps rounds and the median is printed (1 MB = 10^6 bytes).
// A benchmark, not a test: nothing asserts on the numbers.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { build } = createRequire(realpathSync(join(root, 'node_modules/tsup/package.json')))('esbuild');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const TIME = Number(option('--time', '0.2'));
const REPS = Number(option('--reps', '5'));
const SIZES = option('--sizes', '64,1024,32784').split(',').map(Number);
const asJson = args.includes('--json');
const AGAINST = option('--against', '');

/** Bundle poly1305-wasm.ts and poly1305.ts from `dir` (a folder with their sources) and import them. */
async function load(dir) {
  const out = mkdtempSync(join(tmpdir(), 'poly-bench-'));
  try {
    await build({
      stdin: {
        contents:
          "export { createWasmPoly1305 } from './poly1305-wasm.ts';\nexport { noblePoly1305 } from './poly1305.ts';\n",
        resolveDir: dir,
        loader: 'ts',
      },
      nodePaths: [join(root, 'packages/crypto/node_modules')],
      outfile: join(out, 'poly.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
    });
    return await import(pathToFileURL(join(out, 'poly.mjs')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The sources of a git revision, in a temporary folder. */
async function loadRevision(rev) {
  const dir = mkdtempSync(join(tmpdir(), 'poly-src-'));
  try {
    for (const file of ['poly1305-wasm.ts', 'poly1305.ts', 'wasm-asm.ts']) {
      const text = execFileSync('git', ['-C', root, 'show', `${rev}:packages/crypto/src/cipher/${file}`]);
      writeFileSync(join(dir, file), text);
    }
    return await load(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { createWasmPoly1305, noblePoly1305 } = await load(join(root, 'packages/crypto/src/cipher'));
const wasm = createWasmPoly1305();
if (wasm === null) throw new Error('no WebAssembly SIMD here');
const base = AGAINST ? (await loadRevision(AGAINST)).createWasmPoly1305() : null;

/** MB/s of `poly` on `data` over TIME seconds (a fresh key per call, as per packet). */
function measure(poly, data, key, out) {
  for (let i = 0; i < 50; i++) poly(key, data, out, 0);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < TIME * 1000) {
    for (let i = 0; i < 16; i++) {
      key[0] = n + i;
      poly(key, data, out, 0);
    }
    n += 16;
    now = performance.now();
  }
  return (n * data.length) / ((now - start) / 1000) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const rows = [];
for (const size of SIZES) {
  const data = randomBytes(size);
  const key = randomBytes(32);
  const out = new Uint8Array(16);
  const runs = { wasm: [], noble: [], base: [] };
  for (let r = 0; r < REPS; r++) {
    runs.wasm.push(measure(wasm, data, key, out));
    if (base) runs.base.push(measure(base, data, key, out));
    runs.noble.push(measure(noblePoly1305, data, key, out));
  }
  rows.push({
    size,
    wasm: median(runs.wasm),
    noble: median(runs.noble),
    ...(base ? { base: median(runs.base) } : {}),
  });
}
if (asJson) console.log(JSON.stringify({ node: process.version, rows }));
else {
  console.log(`# Poly1305, node ${process.version}; ${TIME}s per figure, median of ${REPS}; MB/s`);
  const baseHead = base ? ` ${AGAINST.padStart(9)} ${'x'.padStart(5)}` : '';
  console.log(
    `${'bytes'.padStart(7)} ${'wasm'.padStart(7)} ${'noble'.padStart(7)} ${'x'.padStart(6)}${baseHead}`,
  );
  for (const r of rows) {
    const baseCols = base
      ? ` ${r.base.toFixed(0).padStart(9)} ${(r.wasm / r.base).toFixed(2).padStart(5)}`
      : '';
    console.log(
      `${String(r.size).padStart(7)} ${r.wasm.toFixed(0).padStart(7)} ${r.noble.toFixed(0).padStart(7)} ${(r.wasm / r.noble).toFixed(1).padStart(6)}${baseCols}`,
    );
  }
}
