/**
 * Security-key keys (PROTOCOL.u2f) from OpenSSH's own test data: public and
 * private key files and certificates parse; signatures made by a test-only
 * software authenticator (the test data's key handles hold the private
 * keys) verify, WebAuthn-wrapped ones too; tampering, missing touch and
 * signing without an authenticator are refused with typed errors.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PacketReader, PacketWriter } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyGenerationError, SignatureError } from '../errors.js';
import { toBase64 } from '../formats/base64.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { nodeBackend } from '../keys/backend.node.js';
import { makeCertApi } from './cert-api.js';
import type { SSHOpenSSHCertificate } from './openssh-certificate.js';
import { checkSkSignatureFlags } from './sk-signature.js';

const VECTORS = join(__dirname, '../../test/vectors/certs');
const vec = (f: string) => readFileSync(join(VECTORS, f), 'utf8');
const APIS = [
  ['node', makeKeyApi(nodeBackend), makeCertApi(nodeBackend)],
  ['portable', makeKeyApi(portableBackend), makeCertApi(portableBackend)],
] as const;

/** The key handle of an sk private key file (to feed the test-only signer). */
function keyHandleOf(file: string): Uint8Array {
  const b64 = file.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const r = new PacketReader(bin, 15);
  for (const f of ['cipher', 'kdf', 'kdfoptions']) r.readString(f);
  r.readUint32('count');
  r.readString('public');
  const p = new PacketReader(r.readString('private'));
  p.readUint32('check');
  p.readUint32('check');
  const type = p.readName('type');
  if (type.startsWith('sk-ecdsa')) p.readString('curve');
  p.readString('key');
  p.readString('application');
  p.readByte('flags');
  return p.readString('key handle').slice();
}

/**
 * TEST-ONLY software authenticator: signs like a FIDO key would, using the
 * private key that OpenSSH's test middleware stores in the key handle.
 */
function testOnlySoftwareSkSign(
  kind: 'ed25519' | 'ecdsa',
  handle: Uint8Array,
  application: string,
  data: Uint8Array,
  flags: number,
  counter: number,
  webauthn?: { origin: string; clientData: Uint8Array },
): Uint8Array {
  const msg = new PacketWriter(128)
    .writeBytes(sha256(new TextEncoder().encode(application)))
    .writeByte(flags)
    .writeUint32(counter)
    .writeBytes(sha256(webauthn ? webauthn.clientData : data))
    .toBytes();
  let inner: Uint8Array;
  let alg: string;
  if (kind === 'ed25519') {
    inner = ed25519.sign(msg, handle.subarray(0, 32));
    alg = 'sk-ssh-ed25519@openssh.com';
  } else {
    const jwk = createPrivateKey(new TextDecoder().decode(handle)).export({ format: 'jwk' });
    const d = Uint8Array.from(Buffer.from(jwk.d as string, 'base64url'));
    const rs = p256.sign(msg, d);
    inner = new PacketWriter(80)
      .writeMpintBytes(rs.subarray(0, 32))
      .writeMpintBytes(rs.subarray(32))
      .toBytes();
    alg = webauthn ? 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com' : 'sk-ecdsa-sha2-nistp256@openssh.com';
  }
  const w = new PacketWriter(256).writeString(alg).writeString(inner).writeByte(flags).writeUint32(counter);
  if (webauthn)
    w.writeString(webauthn.origin).writeString(webauthn.clientData).writeString(new Uint8Array(0));
  return w.toBytes().slice();
}

const KEYS = [
  { kind: 'ecdsa', file: 'ecdsa_sk1', type: 'sk-ecdsa-sha2-nistp256@openssh.com' },
  { kind: 'ed25519', file: 'ed25519_sk1', type: 'sk-ssh-ed25519@openssh.com' },
] as const;

describe('security-key keys', () => {
  it('public key lines parse, with the fingerprints OpenSSH records', () => {
    for (const [, keys] of APIS) {
      const k = keys.importPublicKey(vec('ed25519_sk2.pub'));
      expect(k.algorithm).toBe('sk-ssh-ed25519@openssh.com');
      expect(k.getFingerprint()).toBe('SHA256:b9BVPS5vuU4yu/FgweojLLg6zbfmBBoWLUgibdxxsoo');
      expect(k.getComment()).toBe('ED25519-SK test key #2');
      expect(new TextDecoder().decode(k.exportPublicKey())).toBe(vec('ed25519_sk2.pub'));
    }
  });

  it('private key files parse, match their public keys and round-trip; signing needs an authenticator', () => {
    for (const [, keys] of APIS) {
      for (const k of KEYS) {
        const priv = keys.importPrivateKey(vec(k.file));
        expect(priv.algorithm).toBe(k.type);
        expect(priv.isPrivate).toBe(true);
        expect(priv.publicData).toEqual(keys.importPublicKey(vec(`${k.file}.pub`)).publicData);
        const again = keys.importPrivateKey(priv.exportPrivateKey());
        expect(again.publicData).toEqual(priv.publicData);
        expect(again.getComment()).toBe(priv.getComment());
        expect(() => priv.sign(new Uint8Array(4))).toThrow(SignatureError);
        expect(() => keys.generatePrivateKey(k.type)).toThrow(KeyGenerationError);
      }
    }
  });

  it('certificates over security keys parse and verify (OpenSSH test data)', () => {
    for (const [, , certs] of APIS) {
      const c = certs.importCertificate(vec('ecdsa_sk1-cert.pub')) as SSHOpenSSHCertificate;
      expect(c.algorithm).toBe('sk-ecdsa-sha2-nistp256-cert-v01@openssh.com');
      expect(c.key.getFingerprint()).toBe('SHA256:Go7HO0CVPYG+BSDSk9ZUJBKGSrtBExp6obTa9iqzIUo');
      expect([c.certType, c.keyId, c.serial, [...c.principals]]).toEqual([
        'host',
        'julius',
        7n,
        ['host1', 'host2'],
      ]);
      expect(c.sigAlgorithms).toEqual(['sk-ecdsa-sha2-nistp256-cert-v01@openssh.com']);
      c.validate({ type: 'host', principal: 'host2', now: Date.UTC(2005, 0, 1) / 1000 });
      const e = certs.importCertificate(vec('ed25519_sk1-cert.pub')) as SSHOpenSSHCertificate;
      expect([e.algorithm, e.serial, e.signatureAlgorithm]).toEqual([
        'sk-ssh-ed25519-cert-v01@openssh.com',
        8n,
        'ssh-ed25519',
      ]);
    }
  });

  it('signatures from the test-only software authenticator verify; tampering and missing touch are refused', () => {
    const data = new TextEncoder().encode('session id and userauth request');
    for (const [, keys] of APIS) {
      for (const k of KEYS) {
        const handle = keyHandleOf(vec(k.file));
        const pub = keys.importPublicKey(vec(`${k.file}.pub`));
        const sig = testOnlySoftwareSkSign(k.kind, handle, 'ssh:', data, 0x01, 42);
        expect(pub.verify(data, sig)).toBe(true);
        expect(checkSkSignatureFlags(sig)).toEqual({ flags: 1, counter: 42 });
        expect(pub.verify(new TextEncoder().encode('other data'), sig)).toBe(false);
        const badCounter = sig.slice();
        badCounter[badCounter.length - 1] = 43;
        expect(pub.verify(data, badCounter)).toBe(false);
        expect(pub.verify(data, testOnlySoftwareSkSign(k.kind, handle, 'ssh:other', data, 1, 1))).toBe(false);
        const noTouch = testOnlySoftwareSkSign(k.kind, handle, 'ssh:', data, 0x00, 7);
        expect(pub.verify(data, noTouch)).toBe(true);
        expect(() => checkSkSignatureFlags(noTouch)).toThrow(/user presence/);
        expect(checkSkSignatureFlags(noTouch, { touchRequired: false }).counter).toBe(7);
        expect(() => checkSkSignatureFlags(sig, { verifyRequired: true })).toThrow(/verification/);
      }
    }
  });

  it('WebAuthn-wrapped signatures verify against clientDataJSON, and a foreign challenge is refused', () => {
    const data = new TextEncoder().encode('webauthn signed data');
    const handle = keyHandleOf(vec('ecdsa_sk1'));
    const challenge = toBase64(data, false).replace(/\+/g, '-').replace(/\//g, '_');
    const origin = 'https://example.org';
    const clientData = new TextEncoder().encode(
      `{"type":"webauthn.get","challenge":"${challenge}","origin":"${origin}","crossOrigin":false}`,
    );
    const sig = testOnlySoftwareSkSign('ecdsa', handle, 'ssh:', data, 0x05, 9, { origin, clientData });
    const wrong = new TextEncoder().encode(`{"type":"webauthn.get","challenge":"AAAA","origin":"${origin}"}`);
    const bad = testOnlySoftwareSkSign('ecdsa', handle, 'ssh:', data, 0x05, 9, { origin, clientData: wrong });
    for (const [, keys] of APIS) {
      const pub = keys.importPublicKey(vec('ecdsa_sk1.pub'));
      expect(pub.verify(data, sig)).toBe(true);
      expect(checkSkSignatureFlags(sig, { verifyRequired: true })).toEqual({ flags: 5, counter: 9 });
      expect(pub.verify(data, bad)).toBe(false);
      expect(() => pub.checkSignature(data, bad)).toThrow(SignatureError);
    }
  });

  it('random and mutated security-key signatures are false, and flag checks throw only SignatureError', () => {
    const data = new TextEncoder().encode('data');
    const [, keys] = APIS[0];
    const pub = keys.importPublicKey(vec('ecdsa_sk1.pub'));
    const good = testOnlySoftwareSkSign('ecdsa', keyHandleOf(vec('ecdsa_sk1')), 'ssh:', data, 1, 1);
    fc.assert(
      fc.property(
        fc.nat(good.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.uint8Array({ maxLength: 80 }),
        (at, x, junk) => {
          const m = good.slice();
          m[at] = (m[at] as number) ^ x;
          expect(pub.verify(data, m)).toBe(false);
          for (const blob of [m, junk]) {
            try {
              checkSkSignatureFlags(blob);
            } catch (e) {
              expect(e).toBeInstanceOf(SignatureError);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
