import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { macRegistry as portableMacs } from '../mac/index.js';
import { macRegistry as nodeMacs } from '../mac/index.node.js';
import { createPacketOpener, createPacketSealer, cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';
import type { DirectionKeys, PacketSealer } from './packet-types.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** MACs that cover every construction: E&M and EtM, HMAC and UMAC, full and truncated tags. */
const MACS = [
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512',
  'hmac-sha1-96',
  'umac-64-etm@openssh.com',
  'umac-128@openssh.com',
] as const;

/** The transport's layout: [len | padlen | payload | padding | room for the tag], `off` bytes in. */
function frame(s: PacketSealer, payload: Uint8Array, off: number): { buf: Uint8Array; len: number } {
  const pad = s.paddingLength(payload.length);
  const len = 1 + payload.length + pad;
  const buf = new Uint8Array(off + 4 + len + s.tagLength);
  new DataView(buf.buffer).setUint32(off, len);
  buf[off + 4] = pad;
  buf.set(payload, off + 5);
  for (let i = 0; i < pad; i++) buf[off + 5 + payload.length + i] = (i * 13) & 0xff;
  return { buf, len };
}

const combos: [string, string][] = [];
for (const c of node.supported) {
  if (node.get(c).kind === 'aead') combos.push([c, 'none']);
  else for (const m of MACS) combos.push([c, m]);
}
combos.push(
  ['none', 'none'],
  ['aes128-ctr', 'hmac-md5-96-etm@openssh.com'],
  ['aes256-cbc', 'hmac-sha256@ssh.com'],
);

describe.each(combos)('%s + %s', (cipherName, macName) => {
  const nc = node.get(cipherName);
  const nm = nodeMacs.get(macName);
  const onBoth = portable.has(cipherName);
  const keysOf = (seed: Uint8Array): DirectionKeys => ({
    key: seed.subarray(0, nc.keyLength),
    iv: seed.subarray(64, 64 + nc.ivLength),
    macKey: seed.subarray(96, 96 + nm.keyLength),
  });

  test('node and portable paths seal to the same bytes and open each other (payloads 0 to 35000 bytes)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 160, maxLength: 160 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.oneof(fc.constantFrom(0, 1, 35000), fc.integer({ min: 0, max: 3000 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 9 }),
        (seed, seq0, sizes, off) => {
          const keys = keysOf(seed);
          const nodeSealer = createPacketSealer(nc, nm, keys);
          const nodeOpener = createPacketOpener(nc, nm, keys);
          const pc = onBoth ? portable.get(cipherName) : null;
          const pm = portableMacs.get(macName);
          const pSealer = pc ? createPacketSealer(pc, pm, keys) : null;
          const pOpener = pc ? createPacketOpener(pc, pm, keys) : null;
          sizes.forEach((size, n) => {
            const seq = (seq0 + n) >>> 0;
            const payload = new Uint8Array(size).map((_, i) => (i + seq) & 0xff);
            const a = frame(nodeSealer, payload, off);
            const plain = a.buf.slice(off, off + 4 + a.len);
            nodeSealer.seal(seq, a.buf, off, a.len);
            if (pSealer && pOpener) {
              const b = frame(pSealer, payload, off);
              pSealer.seal(seq, b.buf, off, b.len);
              expect(hex(b.buf)).toBe(hex(a.buf));
              // Portable opens what node sealed.
              const copy = a.buf.slice();
              expect(pOpener.decryptLength(seq, copy, off)).toBe(a.len);
              pOpener.open(seq, copy, off, a.len);
              expect(hex(copy.subarray(off, off + 4 + a.len))).toBe(hex(plain));
            }
            expect(nodeOpener.decryptLength(seq, a.buf, off)).toBe(a.len);
            nodeOpener.open(seq, a.buf, off, a.len);
            expect(hex(a.buf.subarray(off, off + 4 + a.len))).toBe(hex(plain));
          });
        },
      ),
      // Always an empty payload and a 35000-byte one (RFC 4253 §6.1's minimum maximum), around a seq wrap.
      { numRuns: 6, examples: [[new Uint8Array(160).fill(0x5a), 0xfffffffe, [0, 35000, 17], 3]] },
    );
  });
});

test('padding follows RFC 4253 §6 and the EtM / AEAD rule that the length field is not counted', () => {
  const key = new Uint8Array(64);
  const etm = createPacketSealer(node.get('aes128-ctr'), nodeMacs.get('hmac-sha2-256-etm@openssh.com'), {
    key: key.subarray(0, 16),
    iv: key.subarray(0, 16),
    macKey: key.subarray(0, 32),
  });
  const eam = createPacketSealer(node.get('aes128-ctr'), nodeMacs.get('hmac-sha2-256'), {
    key: key.subarray(0, 16),
    iv: key.subarray(0, 16),
    macKey: key.subarray(0, 32),
  });
  const chacha = createPacketSealer(node.get('chacha20-poly1305@openssh.com'), null, {
    key,
    iv: new Uint8Array(0),
  });
  for (let p = 0; p < 100; p++) {
    const a = etm.paddingLength(p);
    const b = eam.paddingLength(p);
    const c = chacha.paddingLength(p);
    expect((1 + p + a) % 16).toBe(0);
    expect((4 + 1 + p + b) % 16).toBe(0);
    expect((1 + p + c) % 8).toBe(0);
    for (const x of [a, b, c]) expect(x >= 4 && x < 4 + 16).toBe(true);
  }
  expect([etm.blockSize, eam.blockSize, chacha.blockSize]).toEqual([16, 16, 8]);
  expect([etm.lengthExcludedFromPadding, eam.lengthExcludedFromPadding]).toEqual([true, false]);
});

test('keys given as node Buffers are copied, never changed (Buffer#slice shares memory)', () => {
  for (const registry of [node, portable]) {
    for (const name of registry.supported) {
      const c = registry.get(name);
      const m = nodeMacs.get(c.kind === 'aead' ? 'none' : 'hmac-sha2-256');
      const keys = {
        key: Buffer.alloc(c.keyLength, 0xff),
        iv: Buffer.alloc(c.ivLength, 0xff),
        macKey: Buffer.alloc(m.keyLength, 1),
      };
      const before = hex(Buffer.concat([keys.key, keys.iv]));
      const outs: string[] = [];
      for (let round = 0; round < 2; round++) {
        const s = createPacketSealer(c, m, keys);
        const { buf, len } = frame(s, new Uint8Array(40), 0);
        s.seal(0, buf, 0, len);
        s.seal(1, buf, 0, len);
        outs.push(hex(buf));
      }
      expect(hex(Buffer.concat([keys.key, keys.iv])), name).toBe(before);
      expect(outs[1], name).toBe(outs[0]);
    }
  }
});
