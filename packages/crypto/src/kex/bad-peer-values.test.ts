import { KeyExchangeFailed, PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { UnknownAlgorithmError } from '../errors.js';
import { bigIntToBytes } from './bytes.js';
import { DH_GROUP14 } from './dh-groups.js';
import { kexRegistry as nodeRegistry } from './fast.node.js';
import { kexRegistry as portableRegistry } from './portable.js';
import type { KexRegistry } from './registry.js';
import { encodeRsaPublicKey } from './rsa-kex.js';
import type { SimpleKexMethod } from './types.js';

const paths: [string, KexRegistry][] = [
  ['node', nodeRegistry],
  ['portable', portableRegistry],
];

function simple(r: KexRegistry, name: string): SimpleKexMethod {
  const m = r.get(name);
  if (m.family === 'dh-gex' || m.family === 'rsa') throw new Error('not a one-round method');
  return m;
}

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
// Low-order X25519 points: u = 0, u = 1 and a point of order 8 (all give an all-zero secret).
const X25519_LOW_ORDER = [
  new Uint8Array(32),
  hex('0100000000000000000000000000000000000000000000000000000000000000'),
  hex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'),
];
// A P-256 point with a valid prefix and length that is not on the curve.
const OFF_CURVE_P256 = (() => {
  const p = new Uint8Array(65);
  p[0] = 4;
  p[32] = 1;
  p[64] = 1;
  return p;
})();

describe.each(paths)('bad peer values are KeyExchangeFailed (%s)', (_path, registry) => {
  it('unknown method name is UnknownAlgorithmError', () => {
    expect(() => registry.get('no-such-kex')).toThrow(UnknownAlgorithmError);
  });

  it('X25519: low-order points and wrong lengths', () => {
    const m = simple(registry, 'curve25519-sha256');
    for (const u of X25519_LOW_ORDER) {
      expect(() => m.start().finish(u)).toThrow(KeyExchangeFailed);
      expect(() => m.respond(u)).toThrow(KeyExchangeFailed);
    }
    expect(() => m.respond(new Uint8Array(31).fill(9))).toThrow(KeyExchangeFailed);
    expect(() => m.start().finish(new Uint8Array(33).fill(9))).toThrow(KeyExchangeFailed);
  });

  it('X448: all-zero point and wrong length', () => {
    const m = simple(registry, 'curve448-sha512');
    expect(() => m.respond(new Uint8Array(56))).toThrow(KeyExchangeFailed);
    expect(() => m.respond(new Uint8Array(32).fill(5))).toThrow(KeyExchangeFailed);
  });

  it('NIST / secp256k1: off-curve, compressed, wrong length', () => {
    const m = simple(registry, 'ecdh-sha2-nistp256');
    expect(() => m.respond(OFF_CURVE_P256)).toThrow(KeyExchangeFailed);
    const valid = m.start().publicValue;
    const compressed = Uint8Array.of(2 + ((valid[64] as number) & 1), ...valid.subarray(1, 33));
    expect(() => m.respond(compressed)).toThrow(KeyExchangeFailed);
    expect(() => simple(registry, 'ecdh-sha2-nistp384').respond(valid)).toThrow(KeyExchangeFailed);
    expect(() => simple(registry, 'ecdh-sha2-1.3.132.0.10').start().finish(OFF_CURVE_P256)).toThrow(
      KeyExchangeFailed,
    );
  });

  it('DH: e and f outside [2, p-2]', () => {
    const m = simple(registry, 'diffie-hellman-group14-sha256');
    const p = DH_GROUP14.p;
    const huge = new Uint8Array(200_000).fill(0xff);
    expect(() => m.respond(huge)).toThrow(KeyExchangeFailed);
    for (const bad of [0n, 1n, p - 1n, p, p + 5n]) {
      expect(() => m.respond(bigIntToBytes(bad))).toThrow(KeyExchangeFailed);
      expect(() => m.start().finish(bigIntToBytes(bad))).toThrow(KeyExchangeFailed);
    }
  });

  it('hybrids: wrong lengths and bad ML-KEM keys', () => {
    for (const name of ['mlkem768x25519-sha256', 'mlkem768nistp256-sha256', 'mlkem1024nistp384-sha384']) {
      const m = simple(registry, name);
      const c = m.start();
      expect(() => m.respond(c.publicValue.subarray(1))).toThrow(KeyExchangeFailed);
      const s = m.respond(c.publicValue);
      expect(() => c.finish(s.publicValue.subarray(0, s.publicValue.length - 1))).toThrow(KeyExchangeFailed);
    }
    // An ML-KEM public key whose coefficients are not reduced mod q fails the FIPS 203 input check.
    const m = simple(registry, 'mlkem768x25519-sha256');
    const pk = new Uint8Array(m.start().publicValue);
    pk.fill(0xff, 0, 384);
    expect(() => m.respond(pk)).toThrow(KeyExchangeFailed);
  });

  it('RSA: malformed K_T, short key, garbage secret', () => {
    const m = registry.get('rsa1024-sha1');
    if (m.family !== 'rsa') throw new Error('rsa expected');
    expect(() => m.encryptSecret(Uint8Array.of(0, 0, 0, 1))).toThrow(KeyExchangeFailed);
    const r2048 = registry.get('rsa2048-sha256');
    if (r2048.family !== 'rsa') throw new Error('rsa expected');
    const key = nodeRegistry.get('rsa1024-sha1');
    if (key.family !== 'rsa') throw new Error('rsa expected');
    const k1024 = key.createServerKey();
    expect(() => r2048.encryptSecret(k1024.publicKey)).toThrow(KeyExchangeFailed);
    expect(() => k1024.decryptSecret(new Uint8Array(128).fill(7))).toThrow(KeyExchangeFailed);
    expect(() => k1024.decryptSecret(new Uint8Array(12))).toThrow(KeyExchangeFailed);
    const huge = encodeRsaPublicKey((1n << 20000n) + 1n, 65537n);
    expect(() => m.encryptSecret(huge)).toThrow(KeyExchangeFailed);
    const dsa = new PacketWriter().writeString('ssh-dss').writeMpint(5n).toBytes();
    expect(() => m.encryptSecret(dsa)).toThrow(KeyExchangeFailed);
  });
});
