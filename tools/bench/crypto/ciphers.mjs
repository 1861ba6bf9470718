#!/usr/bin/env node
// Packet-level cipher + MAC throughput of @ssh/crypto against raw node:crypto on the same buffers.
//
//   pnpm build   (or: cd packages/crypto && npx tsup)
//   node tools/bench/crypto/ciphers.mjs [--time 0.1] [--reps 3] [--size 32768] [--only substr] [--portable] [--json out.json]
//
// For each cipher + MAC: "ours" seals (then opens) 32 KiB-payload packets laid out as the transport
// lays them out ([len|padlen|payload|padding|tag] in one buffer, encrypted and MACed in place);
// "raw" does the same cryptographic work with bare node:crypto calls, as crypto-ceiling.mjs does
// (GCM: a cipher object per packet with the 4-byte AAD; CTR/CBC: one streaming context; HMAC:
// createHmac per packet over seq || packet). MB/s counts payload bytes (1 MB = 1e6 bytes); the
// ratio is ours / raw: the median over --reps rounds of (raw, ours) measured back to back, so that
// load changes on a shared machine hit both sides alike. Open runs copy each packet into the work
// buffer first, on both sides, from a pool of 128 distinct packets (4 MiB: not all in cache).
// Read ratios, not absolute numbers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const argv = process.argv.slice(2);
const opt = (k, d) => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? argv[i + 1] : d;
};
const TIME = Number(opt('time', '0.1'));
const REPS = Number(opt('reps', '3'));
const SIZE = Number(opt('size', '32768'));
const ONLY = opt('only', '');
const JSON_OUT = opt('json', '');
const PORTABLE = argv.includes('--portable');

const lib = await import(pathToFileURL(`${root}packages/crypto/dist/index.node.js`).href);
const portableLib = PORTABLE
  ? await import(pathToFileURL(`${root}packages/crypto/dist/index.js`).href)
  : null;
const { poly1305 } = await import(
  pathToFileURL(`${root}packages/crypto/node_modules/@noble/ciphers/_poly1305.js`).href
);

const COMBOS = [
  ['chacha20-poly1305@openssh.com', 'none'],
  ['aes128-gcm@openssh.com', 'none'],
  ['aes256-gcm@openssh.com', 'none'],
  ['aes128-ctr', 'hmac-sha2-256-etm@openssh.com'],
  ['aes192-ctr', 'hmac-sha2-256-etm@openssh.com'],
  ['aes256-ctr', 'hmac-sha2-256-etm@openssh.com'],
  ['aes256-ctr', 'hmac-sha2-256'],
  ['aes256-ctr', 'hmac-sha2-512-etm@openssh.com'],
  ['aes256-ctr', 'hmac-sha1-etm@openssh.com'],
  ['aes128-ctr', 'umac-64-etm@openssh.com'],
  ['aes128-ctr', 'umac-128-etm@openssh.com'],
  ['aes128-cbc', 'hmac-sha2-256-etm@openssh.com'],
  ['3des-cbc', 'hmac-sha2-256-etm@openssh.com'],
];

const OPENSSL = {
  'aes128-ctr': 'aes-128-ctr',
  'aes192-ctr': 'aes-192-ctr',
  'aes256-ctr': 'aes-256-ctr',
  'aes128-cbc': 'aes-128-cbc',
  '3des-cbc': 'des-ede3-cbc',
  'aes128-gcm@openssh.com': 'aes-128-gcm',
  'aes256-gcm@openssh.com': 'aes-256-gcm',
};
const HMAC_HASH = {
  'hmac-sha2-256-etm@openssh.com': 'sha256',
  'hmac-sha2-256': 'sha256',
  'hmac-sha2-512-etm@openssh.com': 'sha512',
  'hmac-sha1-etm@openssh.com': 'sha1',
  // No UMAC in node:crypto: the raw side uses HMAC-SHA-256, the cheapest comparable node MAC.
  'umac-64-etm@openssh.com': 'sha256',
  'umac-128-etm@openssh.com': 'sha256',
};

let sink = 0;
const now = () => performance.now() / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run fn(n) with growing n until TIME seconds pass; return payload MB/s. */
function measure(fn) {
  fn.prepare?.(24);
  fn(24); // warm-up: lets the JIT settle on this function
  let n = 8;
  for (;;) {
    fn.prepare?.(n); // untimed set-up for the next n packets
    const t0 = now();
    fn(n);
    const dt = now() - t0;
    if (dt >= TIME) return (n * SIZE) / dt / 1e6;
    n = Math.ceil(n * Math.min(8, Math.max(1.5, (TIME * 1.1) / Math.max(dt, 1e-3))));
  }
}

function keysFor(cipher, mac) {
  return {
    key: crypto.randomBytes(cipher.keyLength),
    iv: crypto.randomBytes(cipher.ivLength),
    macKey: crypto.randomBytes(mac.keyLength),
  };
}

/** Sealed packets kept for the open runs; a new opener (made untimed) starts each round of them. */
const POOL = 128;

/** One framed plaintext packet for `sealer` in a buffer with room for the tag. */
function frame(sealer) {
  const pad = sealer.paddingLength(SIZE);
  const len = 1 + SIZE + pad;
  const buf = new Uint8Array(4 + len + sealer.tagLength);
  new DataView(buf.buffer).setUint32(0, len);
  buf[4] = pad;
  crypto.randomFillSync(buf, 5, SIZE + pad);
  return { buf, len };
}

function oursSeal(l, cname, mname, keys) {
  const sealer = l.createPacketSealer(l.cipherRegistry.get(cname), l.macRegistry.get(mname), keys);
  const { buf, len } = frame(sealer);
  const header = buf.slice(0, 5);
  let seq = 0;
  return (n) => {
    for (let i = 0; i < n; i++) {
      buf.set(header, 0);
      sealer.seal(seq++, buf, 0, len);
      sink ^= buf[7];
    }
  };
}

function oursOpen(l, cname, mname, keys) {
  const c = l.cipherRegistry.get(cname);
  const m = l.macRegistry.get(mname);
  const sealer = l.createPacketSealer(c, m, keys);
  const pool = [];
  for (let i = 0; i < POOL; i++) {
    const { buf, len } = frame(sealer);
    sealer.seal(i, buf, 0, len);
    pool.push({ buf, len });
  }
  const work = new Uint8Array(pool[0].buf.length);
  // Each round of POOL packets needs a fresh opener (the CTR / CBC state restarts): made before the
  // timed run, as a connection makes its opener once per key exchange, not per packet.
  let openers = [];
  let opener = null;
  let k = 0;
  const run = (n) => {
    for (let i = 0; i < n; i++, k++) {
      if (k % POOL === 0) opener = openers.shift();
      const p = pool[k % POOL];
      work.set(p.buf);
      const len = opener.decryptLength(k % POOL, work, 0);
      opener.open(k % POOL, work, 0, len);
      sink ^= work[7];
    }
  };
  run.prepare = (n) => {
    const rounds = Math.floor((k + n - 1) / POOL) - Math.floor((k - 1) / POOL);
    openers = Array.from({ length: rounds }, () => l.createPacketOpener(c, m, keys));
  };
  return run;
}

/** Raw node:crypto doing the same work as the sealer / opener for one combination. */
function raw(cname, mname, keys, direction) {
  const len = 1 + SIZE + 16;
  const buf = crypto.randomBytes(4 + len + 64);
  const body = buf.subarray(4, 4 + len);
  const packet = buf.subarray(0, 4 + len);
  const seqBuf = Buffer.alloc(4);
  // Open runs copy a packet in first, from as many distinct buffers as ours opens (POOL), so that
  // both sides read the same amount of memory that is not in cache.
  const pristine =
    direction === 'open' ? Array.from({ length: POOL }, () => crypto.randomBytes(buf.length)) : [];
  let next = 0;
  const copy = direction === 'open' ? () => buf.set(pristine[next++ % POOL]) : () => {};
  if (cname === 'chacha20-poly1305@openssh.com') {
    // node's IETF ChaCha20-Poly1305 AEAD: the closest one-call node:crypto equivalent (crypto-ceiling.mjs).
    const key = keys.key.subarray(0, 32);
    const iv = Buffer.alloc(12);
    return (n) => {
      for (let i = 0; i < n; i++) {
        copy();
        iv.writeUInt32BE(i >>> 0, 8);
        const c = crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });
        c.setAAD(buf.subarray(0, 4));
        sink ^= c.update(body)[0];
        c.final();
        sink ^= c.getAuthTag()[0];
      }
    };
  }
  if (cname.includes('gcm')) {
    const iv = Buffer.from(keys.iv);
    return (n) => {
      for (let i = 0; i < n; i++) {
        copy();
        iv.writeUInt32BE(i >>> 0, 8);
        const c = crypto.createCipheriv(OPENSSL[cname], keys.key, iv);
        c.setAAD(buf.subarray(0, 4));
        sink ^= c.update(body)[0];
        c.final();
        sink ^= c.getAuthTag()[0];
      }
    };
  }
  const ctx = crypto.createCipheriv(OPENSSL[cname], keys.key, keys.iv).setAutoPadding(false);
  const hash = HMAC_HASH[mname];
  const etm = mname.includes('-etm@');
  return (n) => {
    for (let i = 0; i < n; i++) {
      copy();
      seqBuf.writeUInt32BE(i >>> 0);
      sink ^= ctx.update(etm ? body : packet)[0];
      sink ^= crypto
        .createHmac(hash, keys.macKey.length ? keys.macKey : keys.key)
        .update(seqBuf)
        .update(packet)
        .digest()[0];
    }
  };
}

/** node chacha20 stream + noble Poly1305: what a Node implementation had before this package. */
function rawChachaNoblePoly(keys) {
  const len = 1 + SIZE + 16;
  const buf = crypto.randomBytes(4 + len);
  const zero = Buffer.alloc(64);
  const iv = Buffer.alloc(16);
  return (n) => {
    for (let i = 0; i < n; i++) {
      iv.writeUInt32BE(i >>> 0, 12);
      const c = crypto.createCipheriv('chacha20', keys.key.subarray(0, 32), iv);
      const pk = c.update(zero);
      const ct = c.update(buf);
      sink ^= poly1305(ct, pk.subarray(0, 32))[0];
    }
  };
}

const results = [];
const pad = (s, n) => String(s).padEnd(n);
const num = (x) => x.toFixed(0).padStart(7);
console.log(
  `# node ${process.version}, OpenSSL ${process.versions.openssl}; payload ${SIZE} bytes per packet; ${TIME}s per figure, median of ${REPS}`,
);
console.log(
  `${pad('cipher + mac', 52)} ${'seal'.padStart(7)} ${'raw'.padStart(7)} ${'ratio'.padStart(6)}   ${'open'.padStart(7)} ${'raw'.padStart(7)} ${'ratio'.padStart(6)}  MB/s`,
);
for (const [cname, mname] of COMBOS) {
  const label = mname === 'none' ? cname : `${cname} + ${mname}`;
  if (ONLY && !label.includes(ONLY)) continue;
  const c = lib.cipherRegistry.get(cname);
  const m = lib.macRegistry.get(mname);
  const keys = keysFor(c, m);
  const fns = {
    rawSeal: raw(cname, mname, keys, 'seal'),
    seal: oursSeal(lib, cname, mname, keys),
    rawOpen: raw(cname, mname, keys, 'open'),
    open: oursOpen(lib, cname, mname, keys),
  };
  const runs = { rawSeal: [], seal: [], rawOpen: [], open: [], sealRatio: [], openRatio: [] };
  for (let r = 0; r < REPS; r++) {
    for (const [k, fn] of Object.entries(fns)) runs[k].push(measure(fn));
    runs.sealRatio.push(runs.seal[r] / runs.rawSeal[r]);
    runs.openRatio.push(runs.open[r] / runs.rawOpen[r]);
  }
  const rec = { label, runs };
  for (const [k, xs] of Object.entries(runs)) rec[k] = median(xs);
  const { seal, rawSeal, open, rawOpen } = rec;
  if (portableLib?.cipherRegistry.has(cname)) {
    rec.portableSeal = measure(oursSeal(portableLib, cname, mname, keys));
  }
  results.push(rec);
  console.log(
    `${pad(label, 52)} ${num(seal)} ${num(rawSeal)} ${rec.sealRatio.toFixed(2).padStart(6)}   ${num(open)} ${num(rawOpen)} ${rec.openRatio.toFixed(2).padStart(6)}` +
      (rec.portableSeal ? `   portable seal ${num(rec.portableSeal)}` : ''),
  );
  if (cname.startsWith('chacha')) {
    const ref = measure(rawChachaNoblePoly(keys));
    console.log(`${pad('  (node chacha20 stream + @noble Poly1305, seal)', 52)} ${num(ref)}`);
    rec.chachaNoblePoly = ref;
  }
}
if (JSON_OUT)
  fs.writeFileSync(JSON_OUT, JSON.stringify({ node: process.version, size: SIZE, results, sink }, null, 1));
