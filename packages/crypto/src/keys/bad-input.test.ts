import { PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { BACKENDS, sigBlob } from '../../test/vectors/keys/helpers.js';
import { KeyGenerationError, KeyImportError, SignatureError, UnknownAlgorithmError } from '../errors.js';
import { makeKeyApi } from './api.js';
import { keyTypeForSignatureAlgorithm } from './registry.js';

const blob = (write: (w: PacketWriter) => void) => {
  const w = new PacketWriter();
  write(w);
  return w.toBytes().slice();
};

describe.each(BACKENDS)('$name backend rejects bad keys and signatures with typed errors', (backend) => {
  const api = makeKeyApi(backend);
  const ed = api.generatePrivateKey('ssh-ed25519');
  const ec = api.generatePrivateKey('ecdsa-sha2-nistp256');

  it('truncated public key blobs', () => {
    const full = ec.publicData;
    for (const n of [0, 3, 10, 30, full.length - 1]) {
      expect(() => api.decodeSSHPublicKey(full.subarray(0, n))).toThrow(KeyImportError);
    }
  });

  it('trailing bytes after a public key blob', () => {
    const b = new Uint8Array(ed.publicData.length + 1);
    b.set(ed.publicData);
    expect(() => api.decodeSSHPublicKey(b)).toThrow(/trailing/);
  });

  it('an unknown key type', () => {
    const b = blob((w) => w.writeString('ssh-foo').writeString(new Uint8Array(32)));
    expect(() => api.decodeSSHPublicKey(b)).toThrow(/unknown public key type 'ssh-foo'/);
  });

  it('an Ed25519 key of the wrong length', () => {
    const b = blob((w) => w.writeString('ssh-ed25519').writeString(new Uint8Array(31)));
    expect(() => api.decodeSSHPublicKey(b)).toThrow(/must be 32 bytes/);
  });

  it('an Ed25519 key that is not a curve point', () => {
    const notOnCurve = new Uint8Array(32);
    notOnCurve[0] = 2; // y = 2 has no x on edwards25519
    const b = blob((w) => w.writeString('ssh-ed25519').writeString(notOnCurve));
    expect(() => api.decodeSSHPublicKey(b)).toThrow(/not a valid curve point/);
  });

  it('an ECDSA point that is not on the curve', () => {
    const point = ec.publicData.slice(-65);
    point[64] = (point[64] as number) ^ 1;
    const b = blob((w) => w.writeString('ecdsa-sha2-nistp256').writeString('nistp256').writeString(point));
    expect(() => api.decodeSSHPublicKey(b)).toThrow(/not a valid curve point/);
  });

  it('an ECDSA key naming another curve, or a compressed point', () => {
    const point = ec.publicData.slice(-65);
    const wrong = blob((w) =>
      w.writeString('ecdsa-sha2-nistp256').writeString('nistp384').writeString(point),
    );
    expect(() => api.decodeSSHPublicKey(wrong)).toThrow(/names curve 'nistp384'/);
    const compressed = blob((w) =>
      w.writeString('ecdsa-sha2-nistp256').writeString('nistp256').writeString(point.subarray(0, 33)),
    );
    expect(() => api.decodeSSHPublicKey(compressed)).toThrow(/uncompressed/);
  });

  it('RSA keys under 1024 bits, and even moduli', () => {
    const small = blob((w) =>
      w
        .writeString('ssh-rsa')
        .writeMpint(65537n)
        .writeMpint((1n << 767n) | 1n),
    );
    expect(() => api.decodeSSHPublicKey(small)).toThrow(/768 bits is below the 1024-bit minimum/);
    const even = blob((w) =>
      w
        .writeString('ssh-rsa')
        .writeMpint(65537n)
        .writeMpint(1n << 1500n),
    );
    expect(() => api.decodeSSHPublicKey(even)).toThrow(KeyImportError);
  });

  it('DSA parameters that do not fit together', () => {
    const b = blob((w) =>
      w
        .writeString('ssh-dss')
        .writeMpint((1n << 1023n) | 1n)
        .writeMpint((1n << 159n) | 1n)
        .writeMpint(2n)
        .writeMpint(3n),
    );
    expect(() => api.decodeSSHPublicKey(b)).toThrow(KeyImportError);
  });

  it('bad signatures: false from verify, a reason from checkSignature', () => {
    const msg = new Uint8Array([1, 2, 3]);
    const sig = ed.sign(msg);
    expect(ed.verify(msg, sig)).toBe(true);
    expect(ed.verify(msg, sig.subarray(0, sig.length - 1))).toBe(false);
    expect(() => ed.checkSignature(msg, sig.subarray(0, 10))).toThrow(/malformed signature blob/);
    expect(() => ed.checkSignature(msg, sig, 'ssh-ed448')).toThrow(/expected ssh-ed448/);
    const foreign = ec.sign(msg);
    expect(ed.verify(msg, foreign)).toBe(false);
    expect(() => ed.checkSignature(msg, foreign)).toThrow(/cannot verify ecdsa-sha2-nistp256/);
    expect(() => ed.checkSignature(new Uint8Array([9]), sig)).toThrow(/does not verify/);
    expect(() => ed.checkSignature(new Uint8Array([9]), sig)).toThrow(SignatureError);
    expect(ec.verify(msg, sigBlob('ecdsa-sha2-nistp256', new Uint8Array([0, 0, 0, 1])))).toBe(false);
    const zero = new PacketWriter().writeMpint(0n).writeMpint(1n).toBytes();
    expect(ec.verify(msg, sigBlob('ecdsa-sha2-nistp256', zero))).toBe(false);
  });

  it('signing with a public key or a foreign algorithm', () => {
    expect(() => ed.convertToPublic().sign(new Uint8Array(1))).toThrow(SignatureError);
    expect(() => ed.sign(new Uint8Array(1), 'rsa-sha2-256')).toThrow(/cannot sign with rsa-sha2-256/);
  });

  it('unsupported key generation parameters', () => {
    expect(() => api.generatePrivateKey('ssh-foo')).toThrow(KeyGenerationError);
    expect(() => api.generatePrivateKey('ssh-rsa', { keySize: 512 })).toThrow(/1024 to 16384 bits/);
    expect(() => api.generatePrivateKey('ssh-rsa', { keySize: 2048, exponent: 4 })).toThrow(
      KeyGenerationError,
    );
    expect(() => api.generatePrivateKey('ssh-ed25519', { keySize: 256 })).toThrow(KeyGenerationError);
  });
});

describe('signature algorithm names', () => {
  it('maps names to key types and rejects unknown ones', () => {
    expect(keyTypeForSignatureAlgorithm('rsa-sha2-512')).toBe('ssh-rsa');
    expect(keyTypeForSignatureAlgorithm('ssh-rsa-sha224@ssh.com')).toBe('ssh-rsa');
    expect(() => keyTypeForSignatureAlgorithm('ssh-foo')).toThrow(UnknownAlgorithmError);
  });
});
