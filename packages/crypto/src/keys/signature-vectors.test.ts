import { PacketReader, PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import dsaVectors from '../../test/vectors/keys/dsa-rfc6979.json' with { type: 'json' };
import wycheproof from '../../test/vectors/keys/ecdsa-p256-wycheproof.json' with { type: 'json' };
import ecVectors from '../../test/vectors/keys/ecdsa-rfc6979.json' with { type: 'json' };
import edVectors from '../../test/vectors/keys/eddsa-rfc8032.json' with { type: 'json' };
import {
  BACKENDS,
  big,
  hex,
  privateKeyFromFields,
  publicKeyFromFields,
  sigBlob,
  splitSig,
  toHex,
  utf8,
} from '../../test/vectors/keys/helpers.js';
import rsaVectors from '../../test/vectors/keys/rsa-pkcs1v15-openssl.json' with { type: 'json' };
import { bigToBytes } from './bigint.js';
import { dsaSignDigest } from './dsa-ops.js';
import { EC_CURVES } from './ec-curves.js';
import { rfc6979Nonce } from './rfc6979.js';
import { sigDigest } from './sig-hash.js';
import type { EcCurve, SigHashName } from './types.js';

const concat = (a: Uint8Array, b: Uint8Array) => {
  const o = new Uint8Array(a.length + b.length);
  o.set(a);
  o.set(b, a.length);
  return o;
};

describe.each(BACKENDS)('$name backend reproduces published signatures', (backend) => {
  for (const v of edVectors.vectors) {
    it(`${v.curve} RFC 8032 message of ${v.message.length / 2} bytes`, () => {
      const key = privateKeyFromFields(backend, `ssh-${v.curve}`, (w) =>
        w.writeString(hex(v.public)).writeString(concat(hex(v.secret), hex(v.public))),
      );
      const msg = hex(v.message);
      const sig = key.sign(msg);
      expect(splitSig(sig)).toEqual({ alg: `ssh-${v.curve}`, raw: hex(v.signature) });
      expect(key.verify(msg, sig)).toBe(true);
      const bad = hex(v.signature);
      bad[5] = (bad[5] as number) ^ 1;
      expect(key.verify(msg, sigBlob(`ssh-${v.curve}`, bad))).toBe(false);
    });
  }

  for (const v of ecVectors.vectors) {
    it(`ecdsa-sha2-${v.curve} RFC 6979 '${v.message}'`, () => {
      const c = EC_CURVES[v.curve as EcCurve];
      const point = new Uint8Array(1 + 2 * c.fieldBytes);
      point[0] = 4;
      point.set(bigToBytes(big(v.x), c.fieldBytes), 1);
      point.set(bigToBytes(big(v.y), c.fieldBytes), 1 + c.fieldBytes);
      const key = privateKeyFromFields(backend, c.keyType, (w) =>
        w.writeString(v.curve).writeString(point).writeMpint(big(v.d)),
      );
      const msg = utf8(v.message);
      const vectorSig = sigBlob(
        c.keyType,
        new PacketWriter().writeMpint(big(v.r)).writeMpint(big(v.s)).toBytes(),
      );
      expect(key.verify(msg, vectorSig)).toBe(true);
      expect(key.verify(utf8(`${v.message}!`), vectorSig)).toBe(false);
      const ours = key.sign(msg);
      expect(key.verify(msg, ours)).toBe(true);
      if (backend.name === 'portable') {
        const r = new PacketReader(splitSig(ours).raw);
        expect(r.readMpint()).toBe(big(v.r));
        const s = r.readMpint();
        expect([big(v.s), c.order - big(v.s)]).toContain(s);
      }
    });
  }

  it('ssh-dss RFC 6979 A.2.1 (SHA-1)', () => {
    const k = dsaVectors.key;
    const key = privateKeyFromFields(backend, 'ssh-dss', (w) =>
      w
        .writeMpint(big(k.p))
        .writeMpint(big(k.q))
        .writeMpint(big(k.g))
        .writeMpint(big(k.y))
        .writeMpint(big(k.x)),
    );
    for (const v of k.signatures.filter((s) => s.hash === 'sha1')) {
      const raw = concat(bigToBytes(big(v.r), 20), bigToBytes(big(v.s), 20));
      expect(key.verify(utf8(v.message), sigBlob('ssh-dss', raw))).toBe(true);
      expect(key.verify(utf8(`${v.message}.`), sigBlob('ssh-dss', raw))).toBe(false);
      const ours = key.sign(utf8(v.message));
      expect(key.verify(utf8(v.message), ours)).toBe(true);
      if (backend.name === 'portable') expect(toHex(splitSig(ours).raw)).toBe(toHex(raw));
    }
  });

  it('RSA PKCS#1 v1.5 signatures equal the OpenSSL ones byte for byte', () => {
    const k = rsaVectors.key;
    const key = privateKeyFromFields(backend, 'ssh-rsa', (w) =>
      w
        .writeMpint(big(k.n))
        .writeMpint(big(k.e))
        .writeMpint(big(k.d))
        .writeMpint(big(k.iqmp))
        .writeMpint(big(k.p))
        .writeMpint(big(k.q)),
    );
    const algs: Record<string, string> = { sha1: 'ssh-rsa', sha256: 'rsa-sha2-256', sha512: 'rsa-sha2-512' };
    for (const v of rsaVectors.signatures) {
      const alg = algs[v.hash] as string;
      const sig = key.sign(utf8(v.message), alg);
      expect(toHex(splitSig(sig).raw)).toBe(v.signature);
      expect(key.verify(utf8(v.message), sig)).toBe(true);
      expect(key.verify(utf8('other'), sig)).toBe(false);
    }
  });
});

describe.each(BACKENDS)('$name backend on Wycheproof ECDSA P-256 edge cases', (backend) => {
  const key = publicKeyFromFields(backend, 'ecdsa-sha2-nistp256', (w) =>
    w.writeString('nistp256').writeString(hex(wycheproof.publicKey)),
  );
  for (const t of wycheproof.tests) {
    it(`tcId ${t.tcId}: ${t.comment} → ${t.result}`, () => {
      const half = t.sig.length / 2;
      const raw = new PacketWriter()
        .writeMpint(big(t.sig.slice(0, half)))
        .writeMpint(big(t.sig.slice(half)))
        .toBytes();
      expect(key.verify(hex(wycheproof.msg), sigBlob('ecdsa-sha2-nistp256', raw))).toBe(t.result === 'valid');
    });
  }
});

describe('RFC 6979 nonces (portable DSA path)', () => {
  const k = dsaVectors.key;
  for (const v of k.signatures) {
    it(`DSA 1024 ${v.hash} '${v.message}'`, () => {
      const digest = sigDigest(v.hash as SigHashName, utf8(v.message));
      const nonce = rfc6979Nonce(big(k.x), big(k.q), digest, v.hash as SigHashName);
      expect(nonce).toBe(big(v.k));
      const key = { p: big(k.p), q: big(k.q), g: big(k.g), y: big(k.y), x: big(k.x) };
      expect(dsaSignDigest(key, digest, nonce)).toEqual({ r: big(v.r), s: big(v.s) });
    });
  }
});
