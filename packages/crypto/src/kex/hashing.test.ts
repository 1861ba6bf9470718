import { createHash } from 'node:crypto';
import { PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { DH_GROUP14 } from './dh-groups.js';
import { kexRegistry } from './fast.node.js';
import { kexHash as portableHash } from './hash.js';
import { kexHash as nodeHash } from './hash.node.js';
import { deriveKey, exchangeHash } from './hashing.js';
import { deriveKey as nodeDeriveKey, exchangeHash as nodeExchangeHash } from './hashing.node.js';
import type { KexHashName } from './types.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const base = {
  clientVersion: 'SSH-2.0-client',
  serverVersion: 'SSH-2.0-server',
  clientKexInit: bytes(100, 1),
  serverKexInit: bytes(120, 2),
  hostKey: bytes(51, 3),
  clientValue: bytes(32, 4),
  serverValue: bytes(32, 5),
  sharedSecret: Uint8Array.of(0x80, 1, 2, 3),
};

function sha(name: KexHashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(name).update(data).digest());
}

function head(w: PacketWriter): PacketWriter {
  return w
    .writeString(base.clientVersion)
    .writeString(base.serverVersion)
    .writeString(base.clientKexInit)
    .writeString(base.serverKexInit)
    .writeString(base.hostKey);
}

describe('exchange hash H', () => {
  it('ECDH (RFC 5656 §4): strings Q_C, Q_S, mpint K', () => {
    const m = kexRegistry.get('ecdh-sha2-nistp256');
    const pre = head(new PacketWriter()).writeString(base.clientValue).writeString(base.serverValue);
    pre.writeMpint(0x80010203n);
    expect(exchangeHash(m, base)).toEqual(sha('sha256', pre.toBytes()));
    expect(nodeExchangeHash(m, base)).toEqual(sha('sha256', pre.toBytes()));
  });

  it('hybrids: K as a string', () => {
    const m = kexRegistry.get('mlkem768x25519-sha256');
    const pre = head(new PacketWriter()).writeString(base.clientValue).writeString(base.serverValue);
    pre.writeString(base.sharedSecret);
    expect(exchangeHash(m, base)).toEqual(sha(m.hash, pre.toBytes()));
  });

  it('DH (RFC 4253 §8): mpints e, f, K', () => {
    const m = kexRegistry.get('diffie-hellman-group14-sha1');
    const pre = head(new PacketWriter()).writeMpintBytes(base.clientValue).writeMpintBytes(base.serverValue);
    pre.writeMpint(0x80010203n);
    expect(exchangeHash(m, base)).toEqual(sha('sha1', pre.toBytes()));
  });

  it('group exchange (RFC 4419 §3): min, n, max, p, g, and the old request with n only', () => {
    const m = kexRegistry.get('diffie-hellman-group-exchange-sha256');
    const tail = (w: PacketWriter) =>
      w
        .writeMpint(DH_GROUP14.p)
        .writeMpint(2n)
        .writeMpintBytes(base.clientValue)
        .writeMpintBytes(base.serverValue)
        .writeMpint(0x80010203n);
    const full = tail(head(new PacketWriter()).writeUint32(2048).writeUint32(3072).writeUint32(8192));
    const old = tail(head(new PacketWriter()).writeUint32(2048));
    const group = DH_GROUP14;
    expect(exchangeHash(m, { ...base, gex: { min: 2048, n: 3072, max: 8192, group } })).toEqual(
      sha('sha256', full.toBytes()),
    );
    expect(exchangeHash(m, { ...base, gex: { n: 2048, group } })).toEqual(sha('sha256', old.toBytes()));
    expect(() => exchangeHash(m, base)).toThrow(TypeError);
  });

  it('RSA (RFC 4432 §4): K_T before the encrypted secret', () => {
    const m = kexRegistry.get('rsa2048-sha256');
    const pre = head(new PacketWriter()).writeString(base.serverValue).writeString(base.clientValue);
    pre.writeMpint(0x80010203n);
    expect(exchangeHash(m, base)).toEqual(sha('sha256', pre.toBytes()));
  });
});

describe('key derivation (RFC 4253 §7.2)', () => {
  const H = bytes(32, 9);
  const sid = bytes(32, 10);
  it('first block is HASH(K || H || letter || session_id), then HASH(K || H || K1 ...)', () => {
    const k = new PacketWriter().writeMpint(0x80010203n).toBytes();
    const k1 = sha('sha256', Uint8Array.from([...k, ...H, 0x43, ...sid]));
    const k2 = sha('sha256', Uint8Array.from([...k, ...H, ...k1]));
    const k3 = sha('sha256', Uint8Array.from([...k, ...H, ...k1, ...k2]));
    const want = Uint8Array.from([...k1, ...k2, ...k3]).subarray(0, 80);
    expect(deriveKey('sha256', base.sharedSecret, H, 'C', sid, 80, 'mpint')).toEqual(want);
    expect(nodeDeriveKey('sha256', base.sharedSecret, H, 'C', sid, 80, 'mpint')).toEqual(want);
    expect(deriveKey('sha256', base.sharedSecret, H, 'C', sid, 16, 'mpint')).toEqual(k1.subarray(0, 16));
  });

  it('string-encoded K for the hybrids', () => {
    const k = new PacketWriter().writeString(base.sharedSecret).toBytes();
    const k1 = sha('sha512', Uint8Array.from([...k, ...H, 0x41, ...sid]));
    expect(deriveKey('sha512', base.sharedSecret, H, 'A', sid, 64, 'string')).toEqual(k1);
  });
});

describe('kexHash', () => {
  it('node and portable hashes agree over chunks', () => {
    for (const name of ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const) {
      const chunks = [bytes(3, 1), bytes(200, 2), new Uint8Array(0)];
      expect(portableHash(name)(...chunks)).toEqual(nodeHash(name)(...chunks));
      expect(portableHash(name)(...chunks)).toEqual(
        sha(name, Uint8Array.from([...chunks[0]!, ...chunks[1]!])),
      );
    }
  });
});
