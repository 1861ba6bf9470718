import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { macRegistry } from '../mac/index.node.js';
import { cipherRegistry as portable } from './index.js';
import { cipherRegistry, createPacketOpener, createPacketSealer } from './index.node.js';

/** Debian's python3-asyncssh (AsyncSSH 2.10: packet-level `encrypt_packet`, UMAC through libnettle). */
const PYTHON = '/usr/bin/python3';
const ORACLE = `
import sys, json, warnings
warnings.simplefilter('ignore')
from asyncssh.encryption import get_encryption
out = []
for c in json.load(sys.stdin):
    h = bytes.fromhex
    mac = c['mac'].encode() if c['mac'] != 'none' else b''
    enc = get_encryption(c['cipher'].encode(), h(c['key']), h(c['iv']), mac, h(c['macKey']), c['etm'])
    seq = c['seq0']
    res = []
    for hdr, pkt in c['packets']:
        ct, tag = enc.encrypt_packet(seq, h(hdr), h(pkt))
        res.append((ct + tag).hex())
        seq += 1
    out.append(res)
json.dump(out, sys.stdout)
`;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const rand = (n: number) => crypto.getRandomValues(new Uint8Array(n));

interface Case {
  cipher: string;
  mac: string;
  etm: boolean;
  key: string;
  iv: string;
  macKey: string;
  seq0: number;
  packets: [string, string][];
  ours: string[];
}

test('every cipher x MAC seals packets byte for byte as AsyncSSH does, and opens AsyncSSH packets', () => {
  expect(
    existsSync(PYTHON),
    `${PYTHON} with python3-asyncssh is needed (apt-get install python3-asyncssh)`,
  ).toBe(true);
  const cases: Case[] = [];
  for (const cipher of cipherRegistry.supported) {
    const c = cipherRegistry.get(cipher);
    const macs = c.kind === 'aead' ? ['none'] : macRegistry.supported;
    for (const mac of macs) {
      const m = macRegistry.get(mac);
      const keys = { key: rand(c.keyLength), iv: rand(c.ivLength), macKey: rand(m.keyLength) };
      const sealer = createPacketSealer(c, m, keys);
      const seq0 = (crypto.getRandomValues(new Uint32Array(1))[0] as number) % 0xfffffff0;
      const packets: [string, string][] = [];
      const ours: string[] = [];
      for (const size of [0, 1 + (seq0 % 700), 5000]) {
        const pad = sealer.paddingLength(size);
        const len = 1 + size + pad;
        const buf = new Uint8Array(4 + len + sealer.tagLength);
        new DataView(buf.buffer).setUint32(0, len);
        buf[4] = pad;
        buf.set(rand(size + pad), 5);
        packets.push([hex(buf.subarray(0, 4)), hex(buf.subarray(4, 4 + len))]);
        sealer.seal(seq0 + packets.length - 1, buf, 0, len);
        ours.push(hex(buf));
      }
      cases.push({
        cipher,
        mac,
        etm: m.etm,
        key: hex(keys.key),
        iv: hex(keys.iv),
        macKey: hex(keys.macKey),
        seq0,
        packets,
        ours,
      });
    }
  }
  const run = spawnSync(PYTHON, ['-c', ORACLE], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  expect(run.status, run.stderr).toBe(0);
  const theirs = JSON.parse(run.stdout) as string[][];
  // 3 AEADs; aes*-ctr, aes*-cbc, 3des-cbc, blowfish-cbc, cast128-cbc, seed-cbc@ssh.com and arcfour* with each of the 25 MACs
  expect(cases.length).toBe(3 + 13 * 25);
  cases.forEach((k, i) => {
    expect(theirs[i], `${k.cipher} + ${k.mac}`).toEqual(k.ours);
    // And our openers, on both paths, read AsyncSSH's bytes.
    for (const registry of [cipherRegistry, portable]) {
      if (!registry.has(k.cipher)) continue;
      const keys = {
        key: Buffer.from(k.key, 'hex'),
        iv: Buffer.from(k.iv, 'hex'),
        macKey: Buffer.from(k.macKey, 'hex'),
      };
      const opener = createPacketOpener(registry.get(k.cipher), macRegistry.get(k.mac), keys);
      (theirs[i] ?? []).forEach((sealed, n) => {
        const buf = Uint8Array.from(Buffer.from(sealed, 'hex'));
        const len = opener.decryptLength(k.seq0 + n, buf, 0);
        opener.open(k.seq0 + n, buf, 0, len);
        expect(hex(buf.subarray(0, 4 + len))).toBe((k.packets[n] as [string, string]).join(''));
      });
    }
  });
});
