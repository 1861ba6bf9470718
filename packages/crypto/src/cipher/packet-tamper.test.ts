import { MACError, ProtocolError } from '@ssh/wire';
import { describe, expect, test } from 'vitest';
import { CryptoError, KeyLengthError, UnknownAlgorithmError } from '../errors.js';
import { macRegistry as portableMacs } from '../mac/index.js';
import { macRegistry as nodeMacs } from '../mac/index.node.js';
import { createPacketOpener, createPacketSealer, cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';
import type { CipherRegistry } from './registry.js';

const CASES: [string, string][] = [
  ['chacha20-poly1305@openssh.com', 'none'],
  ['aes128-gcm@openssh.com', 'none'],
  ['aes256-ctr', 'hmac-sha2-256'],
  ['aes256-ctr', 'hmac-sha2-256-etm@openssh.com'],
  ['aes128-cbc', 'umac-64@openssh.com'],
  ['aes192-cbc', 'umac-128-etm@openssh.com'],
];

describe.each([
  ['portable', portable, portableMacs],
  ['node', node, nodeMacs],
] as const)('%s: a tampered packet is a MACError, never a crash', (_path, ciphers: CipherRegistry, macs) => {
  /** A sealed 64-byte-payload packet at offset 3, with 64 spare bytes after its tag. */
  function sealed(cipherName: string, macName: string) {
    const c = ciphers.get(cipherName);
    const m = macs.get(macName);
    const keys = {
      key: new Uint8Array(c.keyLength).fill(9),
      iv: new Uint8Array(c.ivLength).fill(8),
      macKey: new Uint8Array(m.keyLength).fill(7),
    };
    const s = createPacketSealer(c, m, keys);
    const pad = s.paddingLength(64);
    const len = 1 + 64 + pad;
    const buf = new Uint8Array(3 + 4 + len + s.tagLength + 64);
    new DataView(buf.buffer).setUint32(3, len);
    buf[7] = pad;
    buf.fill(0x41, 8, 8 + 64);
    s.seal(11, buf, 3, len);
    return { buf, len, tagAt: 3 + 4 + len, open: () => createPacketOpener(c, m, keys) };
  }

  test.each(CASES)('%s + %s: flipped bit in the ciphertext, the tag or the sequence number', (cn, mn) => {
    for (const at of ['body', 'tag', 'seq'] as const) {
      const p = sealed(cn, mn);
      const o = p.open();
      let seq = 11;
      if (at === 'body') p.buf[3 + 4 + 20] = (p.buf[3 + 4 + 20] as number) ^ 0x04;
      if (at === 'tag') p.buf[p.tagAt + 2] = (p.buf[p.tagAt + 2] as number) ^ 0x80;
      if (at === 'seq' && cn.includes('gcm')) {
        // GCM ignores the sequence number: its nonce is an invocation counter, so a replay must fail.
        const copy = p.buf.slice();
        o.open(11, copy, 3, o.decryptLength(11, copy, 3));
        expect(() => o.open(11, p.buf, 3, o.decryptLength(11, p.buf, 3))).toThrow(MACError);
        continue;
      }
      if (at === 'seq') seq = 12;
      const len = o.decryptLength(seq, p.buf, 3);
      if (at === 'seq' && len !== p.len) {
        // chacha20-poly1305: the length key depends on the sequence number too.
        expect(() => o.open(seq, p.buf, 3, len)).toThrow();
        continue;
      }
      expect(len).toBe(p.len);
      expect(() => o.open(seq, p.buf, 3, len)).toThrow(MACError);
    }
  });

  test.each(CASES)('%s + %s: flipped bit in the length field', (cn, mn) => {
    const p = sealed(cn, mn);
    p.buf[3 + 3] = (p.buf[3 + 3] as number) ^ 0x10; // length +- 16: still block-aligned
    const o = p.open();
    const len = o.decryptLength(11, p.buf, 3);
    if (cn.endsWith('-cbc') && !mn.includes('etm')) {
      // CBC encrypt-and-MAC: the whole first block decrypts to garbage; the transport rejects the length.
      expect(len).not.toBe(p.len);
      return;
    }
    expect(Math.abs(len - p.len)).toBe(16);
    expect(() => o.open(11, p.buf, 3, len)).toThrow(MACError);
  });
});

describe('bad input from the peer or the caller', () => {
  const keys = { key: new Uint8Array(16), iv: new Uint8Array(16), macKey: new Uint8Array(32) };

  test('a length that is not a multiple of the block size is a ProtocolError', () => {
    const m = nodeMacs.get('hmac-sha2-256-etm@openssh.com');
    const s = createPacketSealer(node.get('aes128-ctr'), m, keys);
    const buf = new Uint8Array(4 + 32 + 32 + 8);
    new DataView(buf.buffer).setUint32(0, 32);
    s.seal(0, buf, 0, 32);
    // Re-seal a misaligned length with a valid MAC: only the alignment check can catch it.
    const mac = m.create(keys.macKey);
    new DataView(buf.buffer).setUint32(0, 36);
    mac.sign(1, buf.subarray(0, 40), buf, 40);
    const o = createPacketOpener(node.get('aes128-ctr'), m, keys);
    expect(() => o.open(1, buf, 0, 36)).toThrow(ProtocolError);
  });

  test('sealing a misaligned packet, a short buffer, or open() before decryptLength() are CryptoErrors', () => {
    const s = createPacketSealer(node.get('aes128-ctr'), nodeMacs.get('hmac-sha2-256'), keys);
    expect(() => s.seal(0, new Uint8Array(100), 0, 27)).toThrow(CryptoError);
    expect(() => s.seal(0, new Uint8Array(40), 0, 28)).toThrow(CryptoError);
    const o = createPacketOpener(node.get('aes128-ctr'), nodeMacs.get('hmac-sha2-256'), keys);
    expect(() => o.open(0, new Uint8Array(100), 0, 28)).toThrow(CryptoError);
    expect(() => createPacketSealer(node.get('aes128-ctr'), null, keys)).toThrow(CryptoError);
  });

  test('wrong key, IV or MAC key lengths are KeyLengthErrors; unknown names UnknownAlgorithmErrors', () => {
    for (const registry of [node, portable]) {
      for (const name of registry.supported) {
        const c = registry.get(name);
        const bad = { key: new Uint8Array(c.keyLength + 8), iv: new Uint8Array(c.ivLength) };
        expect(() => createPacketSealer(c, nodeMacs.get('none'), bad)).toThrow(KeyLengthError);
        const badIv = { key: new Uint8Array(c.keyLength), iv: new Uint8Array(c.ivLength + 1) };
        expect(() => createPacketOpener(c, nodeMacs.get('none'), badIv)).toThrow(KeyLengthError);
      }
      expect(() => registry.get('twofish256-cbc')).toThrow(UnknownAlgorithmError);
    }
    const macKeyShort = { key: new Uint8Array(16), iv: new Uint8Array(16), macKey: new Uint8Array(16) };
    expect(() =>
      createPacketSealer(node.get('aes128-ctr'), nodeMacs.get('hmac-sha2-256'), macKeyShort),
    ).toThrow(KeyLengthError);
    expect(() =>
      createPacketOpener(node.get('aes128-ctr'), nodeMacs.get('hmac-sha1'), {
        key: new Uint8Array(16),
        iv: new Uint8Array(16),
      }),
    ).toThrow(KeyLengthError);
  });
});
