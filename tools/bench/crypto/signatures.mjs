#!/usr/bin/env node
// Signature ops/s for every signature algorithm of @ssh/crypto's key registry:
// our node:crypto path, our portable path (@noble/*, bigint), and raw
// node:crypto on a key of the same type (the ceiling), in one run.
//
//   node tools/bench/crypto/signatures.mjs [--time MS] [--filter REGEX] [--json]
//
// The ssh2 npm package (utils.parseKey(...).sign / .verify, OpenSSL underneath)
// runs alongside where it supports the algorithm.
//
// One op signs (or verifies) a 32-byte message, the size of an exchange hash,
// through SSHKey.sign / SSHKey.verify (SSH signature blobs included). The three
// columns of a row run in alternating slices and the best slice counts, so a
// busy machine skews the ratio less. `ratio` is our node path over raw node:crypto.
// The key sources are bundled on the fly with esbuild, so no build is needed.
import { generateKeyPairSync, randomBytes, sign as rawSign, verify as rawVerify } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
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
const budgetMs = Number(option('--time', '300'));
const filter = new RegExp(option('--filter', '.'));
const asJson = args.includes('--json');
const ssh2 = createRequire(join(root, 'package.json'))('ssh2');

/** ssh2's key object for our OpenSSH export, and the hash argument it wants, or null. */
function ssh2Key(pem, sigAlg) {
  const hash = { 'rsa-sha2-256': 'sha256', 'rsa-sha2-512': 'sha512', 'ssh-rsa': 'sha1' }[sigAlg];
  const supported = /^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|rsa-sha2-256|rsa-sha2-512|ssh-rsa|ssh-dss)$/;
  if (!supported.test(sigAlg)) return null;
  const key = ssh2.utils.parseKey(Buffer.from(pem));
  return key instanceof Error ? null : { key, hash };
}

async function loadPaths() {
  const out = mkdtempSync(join(tmpdir(), 'sig-bench-'));
  try {
    await build({
      entryPoints: {
        portable: join(root, 'packages/crypto/src/keys/index.ts'),
        node: join(root, 'packages/crypto/src/keys/index.node.ts'),
      },
      outdir: out,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      conditions: ['@ssh/source'],
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
    });
    return {
      portable: await import(pathToFileURL(join(out, 'portable.mjs')).href),
      node: await import(pathToFileURL(join(out, 'node.mjs')).href),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Ops per second of `fn` over one slice of `ms`. */
function slice(fn, ms) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    n++;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/**
 * Ops per second of each function, measured in alternating slices (so a busy
 * machine slows them alike) over about `budgetMs` each; the best slice counts.
 */
function race(fns) {
  for (const fn of fns) for (let i = 0; i < 3; i++) fn();
  const best = fns.map(() => 0);
  const slices = 5;
  for (let round = 0; round < slices; round++) {
    fns.forEach((fn, i) => {
      best[i] = Math.max(best[i], slice(fn, budgetMs / slices));
    });
  }
  return best;
}

/** Raw node:crypto sign/verify on a fresh key of the same type. */
function rawPair(keyType, sigAlg) {
  const ec = {
    'ecdsa-sha2-nistp256': 'prime256v1',
    'ecdsa-sha2-nistp384': 'secp384r1',
    'ecdsa-sha2-nistp521': 'secp521r1',
    'ecdsa-sha2-1.3.132.0.10': 'secp256k1',
  };
  const hash = {
    'ssh-ed25519': null,
    'ssh-ed448': null,
    'ecdsa-sha2-nistp256': 'sha256',
    'ecdsa-sha2-nistp384': 'sha384',
    'ecdsa-sha2-nistp521': 'sha512',
    'ecdsa-sha2-1.3.132.0.10': 'sha256',
    'rsa-sha2-256': 'sha256',
    'rsa-sha2-512': 'sha512',
    'ssh-rsa': 'sha1',
    'ssh-dss': 'sha1',
  }[sigAlg];
  let pair;
  if (keyType === 'ssh-ed25519') pair = generateKeyPairSync('ed25519');
  else if (keyType === 'ssh-ed448') pair = generateKeyPairSync('ed448');
  else if (keyType === 'ssh-rsa') pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  else if (keyType === 'ssh-dss')
    pair = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
  else pair = generateKeyPairSync('ec', { namedCurve: ec[keyType] });
  const opts = keyType.startsWith('ecdsa') || keyType === 'ssh-dss' ? { dsaEncoding: 'ieee-p1363' } : {};
  const priv = { key: pair.privateKey, ...opts };
  const pub = { key: pair.publicKey, ...opts };
  return {
    sign: (m) => rawSign(hash, m, priv),
    verify: (m, s) => rawVerify(hash, m, pub, s),
  };
}

const SIG_ALGS = [
  ['ssh-ed25519', 'ssh-ed25519'],
  ['ssh-ed448', 'ssh-ed448'],
  ['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp256'],
  ['ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp384'],
  ['ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp521'],
  ['ecdsa-sha2-1.3.132.0.10', 'ecdsa-sha2-1.3.132.0.10'],
  ['rsa-sha2-256', 'ssh-rsa'],
  ['rsa-sha2-512', 'ssh-rsa'],
  ['ssh-rsa', 'ssh-rsa'],
  ['ssh-dss', 'ssh-dss'],
];

const { node, portable } = await loadPaths();
const keys = new Map();
const rows = [];
for (const [sigAlg, keyType] of SIG_ALGS) {
  if (!filter.test(sigAlg)) continue;
  if (!keys.has(keyType)) {
    const made = node.generatePrivateKey(keyType, keyType === 'ssh-rsa' ? { keySize: 2048 } : {});
    const pem = made.exportPrivateKey();
    keys.set(keyType, { pem, node: node.importPrivateKey(pem), portable: portable.importPrivateKey(pem) });
  }
  const { pem, node: nk, portable: pk } = keys.get(keyType);
  const theirs = ssh2Key(pem, sigAlg);
  const msg = randomBytes(32);
  const raw = rawPair(keyType, sigAlg);
  const rawSig = raw.sign(msg);
  const nodeSig = nk.sign(msg, sigAlg);
  const portableSig = pk.sign(msg, sigAlg);
  if (!nk.verify(msg, portableSig) || !pk.verify(msg, nodeSig)) throw new Error(`${sigAlg}: paths disagree`);
  const signFns = [() => nk.sign(msg, sigAlg), () => raw.sign(msg), () => pk.sign(msg, sigAlg)];
  const verifyFns = [
    () => nk.verify(msg, nodeSig),
    () => raw.verify(msg, rawSig),
    () => pk.verify(msg, nodeSig),
  ];
  if (theirs) {
    const theirSig = theirs.key.sign(msg, theirs.hash);
    if (!theirs.key.verify(msg, theirSig, theirs.hash))
      throw new Error(`${sigAlg}: ssh2 does not verify its own signature`);
    signFns.push(() => theirs.key.sign(msg, theirs.hash));
    verifyFns.push(() => theirs.key.verify(msg, theirSig, theirs.hash));
  }
  const [nodeSign, rawSignOps, portableSign, ssh2Sign = null] = race(signFns);
  const [nodeVerify, rawVerifyOps, portableVerify, ssh2Verify = null] = race(verifyFns);
  const row = {
    algorithm: sigAlg,
    nodeSign,
    portableSign,
    rawSign: rawSignOps,
    nodeVerify,
    portableVerify,
    rawVerify: rawVerifyOps,
    ssh2Sign,
    ssh2Verify,
  };
  row.signRatio = row.nodeSign / row.rawSign;
  row.verifyRatio = row.nodeVerify / row.rawVerify;
  rows.push(row);
  if (asJson) continue;
  if (rows.length === 1) {
    console.log(
      `${'algorithm'.padEnd(24)} ${'sign/s node'.padStart(12)} ${'portable'.padStart(9)} ${'raw'.padStart(7)} ${'ssh2'.padStart(7)} ${'/raw'.padStart(5)}   ${'verify/s node'.padStart(13)} ${'portable'.padStart(9)} ${'raw'.padStart(7)} ${'ssh2'.padStart(7)} ${'/raw'.padStart(5)}`,
    );
  }
  const f = (v) => (v === null ? '-' : Math.round(v).toString());
  console.log(
    `${sigAlg.padEnd(24)} ${f(row.nodeSign).padStart(12)} ${f(row.portableSign).padStart(9)} ${f(row.rawSign).padStart(7)} ${f(row.ssh2Sign).padStart(7)} ${row.signRatio.toFixed(2).padStart(5)}   ${f(row.nodeVerify).padStart(13)} ${f(row.portableVerify).padStart(9)} ${f(row.rawVerify).padStart(7)} ${f(row.ssh2Verify).padStart(7)} ${row.verifyRatio.toFixed(2).padStart(5)}`,
  );
}
if (asJson) console.log(JSON.stringify({ budgetMs, rows }));
