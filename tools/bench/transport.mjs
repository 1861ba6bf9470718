#!/usr/bin/env node
// Transport-level throughput of @ssh/transport over an in-memory stream pair
// against the crypto ceiling (the same cipher + MAC sealing and opening the same
// packets with nothing else), printing the ratio.
//
//   pnpm build && node tools/bench/transport.mjs [--mb 64] [--size 32768] [--only substr]
//
// "transport": our client sends --mb MiB as 32 KiB messages to our server
// through a memory pair (frame, pad, seal, deliver, open, dispatch). "crypto":
// createPacketSealer/createPacketOpener on the same payloads in one buffer each.
// MB/s counts payload bytes (1 MB = 1e6 bytes). Read ratios, not absolute figures.
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const opt = (k, d) => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? argv[i + 1] : d;
};
const MB = Number(opt('mb', '64'));
const SIZE = Number(opt('size', '32768'));
const ONLY = opt('only', '');

const crypto = await import(pathToFileURL(`${root}packages/crypto/dist/index.node.js`).href);
const transport = await import(pathToFileURL(`${root}packages/transport/dist/index.js`).href);

const COMBOS = [
  ['chacha20-poly1305@openssh.com', 'none'],
  ['aes128-gcm@openssh.com', 'none'],
  ['aes256-gcm@openssh.com', 'none'],
  ['aes128-ctr', 'hmac-sha2-256-etm@openssh.com'],
  ['aes256-ctr', 'hmac-sha2-512-etm@openssh.com'],
  ['aes128-ctr', 'umac-64-etm@openssh.com'],
].filter(([c, m]) => `${c} ${m}`.includes(ONLY));

const count = Math.ceil((MB * 1024 * 1024) / SIZE);
const payload = new Uint8Array(SIZE).fill(7);
payload[0] = 94;

async function viaTransport(cipher, mac) {
  const hostKey = crypto.generatePrivateKey('ssh-ed25519');
  const [a, b] = transport.createMemoryStreamPair();
  let received = 0;
  let done;
  const finished = new Promise((r) => (done = r));
  const algs = { encryptionAlgs: [cipher], ...(mac !== 'none' ? { macAlgs: [mac] } : {}) };
  const server = new transport.Transport(
    b,
    { role: 'server', serverHostKeys: [hostKey], ...algs },
    {
      message: (p) => {
        received += p.length;
        if (received >= count * SIZE) done();
      },
    },
  );
  let drained;
  const client = new transport.Transport(
    a,
    { role: 'client', verifyHostKey: () => true, ...algs },
    { drain: () => drained?.() },
  );
  await Promise.all([client.ready, server.ready]);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    if (!client.send(payload)) await new Promise((r) => (drained = r));
  }
  await finished;
  const secs = (performance.now() - t0) / 1000;
  client.disconnect();
  return (count * SIZE) / secs / 1e6;
}

function viaCrypto(cipherName, macName) {
  const cipher = crypto.cipherRegistry.get(cipherName);
  const mac = crypto.macRegistry.get(macName);
  const keys = {
    key: new Uint8Array(cipher.keyLength),
    iv: new Uint8Array(cipher.ivLength),
    macKey: new Uint8Array(mac.keyLength),
  };
  const sealer = crypto.createPacketSealer(cipher, mac, keys);
  const opener = crypto.createPacketOpener(cipher, mac, keys);
  const t0 = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const pad = sealer.paddingLength(SIZE);
    const len = 1 + SIZE + pad;
    const buf = new Uint8Array(4 + len + sealer.tagLength);
    new DataView(buf.buffer).setUint32(0, len);
    buf[4] = pad;
    buf.set(payload, 5);
    sealer.seal(seq, buf, 0, len);
    opener.decryptLength(seq, buf, 0);
    opener.open(seq, buf, 0, len);
  }
  const secs = (performance.now() - t0) / 1000;
  return (count * SIZE) / secs / 1e6;
}

console.log(`transport over a memory pair vs the crypto ceiling: ${MB} MiB in ${SIZE}-byte messages`);
console.log('cipher + mac'.padEnd(52), 'transport MB/s', ' crypto MB/s', ' ratio');
for (const [c, m] of COMBOS) {
  const ceiling = viaCrypto(c, m);
  const ours = await viaTransport(c, m);
  console.log(
    `${c} + ${m}`.padEnd(52),
    ours.toFixed(0).padStart(14),
    ceiling.toFixed(0).padStart(12),
    (ours / ceiling).toFixed(2).padStart(6),
  );
}
