import { PacketReader } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/vectors/keys/helpers.js';
import { KeyEncryptionError, KeyExportError, KeyImportError, PassphraseRequiredError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { nodeBackend } from '../keys/backend.node.js';
import type { SSHKey } from '../keys/ssh-key.js';
import { fromBase64, toBase64 } from './base64.js';

const nodeApi = makeKeyApi(nodeBackend);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const msg = new TextEncoder().encode('hello');

// RSA and DSA keys come from node:crypto (bigint key generation is tested on its own).
const KEYS: Record<string, SSHKey> = Object.fromEntries(
  [
    'ssh-ed25519',
    'ssh-ed448',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'ecdsa-sha2-1.3.132.0.10',
    'ssh-rsa',
    'ssh-dss',
  ].map((t) => [
    t,
    nodeApi.generatePrivateKey(t, { comment: `key ${t}`, keySize: t === 'ssh-rsa' ? 1024 : undefined }),
  ]),
);

describe.each(BACKENDS)('OpenSSH private key format on the $name backend', (backend) => {
  const api = makeKeyApi(backend);

  for (const [type, key] of Object.entries(KEYS)) {
    it(`${type}: unencrypted export and import keep key and comment`, () => {
      const pem = key.exportPrivateKey();
      expect(text(pem)).toMatch(
        /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END OPENSSH PRIVATE KEY-----\n$/,
      );
      const back = api.importPrivateKey(pem);
      expect(back.algorithm).toBe(type);
      expect(back.getComment()).toBe(`key ${type}`);
      expect(back.getFingerprint()).toBe(key.getFingerprint());
      expect(key.verify(msg, back.sign(msg))).toBe(true);
      expect(text(back.exportPublicKey())).toBe(text(key.exportPublicKey()));
    });
  }

  for (const cipherName of ['aes256-ctr', 'aes128-ctr', 'aes192-ctr', 'aes256-cbc', 'aes128-cbc']) {
    it(`encrypted with ${cipherName} and bcrypt`, () => {
      const key = KEYS['ssh-ed25519'] as SSHKey;
      const pem = key.exportPrivateKey('openssh', 'secret', { cipherName, rounds: 2, ignoreFewRounds: true });
      const bin = fromBase64(text(pem).replace(/-----[A-Z ]+-----/g, ''));
      expect(text(bin.subarray(0, 60))).toContain(cipherName);
      expect(api.importPrivateKey(pem, 'secret').getFingerprint()).toBe(key.getFingerprint());
      expect(api.importPrivateKey(pem, new TextEncoder().encode('secret')).isPrivate).toBe(true);
      expect(() => api.importPrivateKey(pem, 'wrong')).toThrow(KeyEncryptionError);
      expect(() => api.importPrivateKey(pem)).toThrow(PassphraseRequiredError);
      expect(() => api.importPrivateKey(pem)).toThrow(/passphrase is needed/);
    });
  }

  it('defaults to aes256-cbc (as AsyncSSH) and accepts binary input', () => {
    const key = KEYS['ecdsa-sha2-nistp256'] as SSHKey;
    const pem = key.exportPrivateKey('openssh', 'pw', { rounds: 1, ignoreFewRounds: true });
    const bin = fromBase64(text(pem).replace(/-----[A-Z ]+-----/g, ''));
    expect(text(bin.subarray(0, 40))).toContain('aes256-cbc');
    expect(api.importPrivateKey(bin, 'pw').getFingerprint()).toBe(key.getFingerprint());
  });

  it('an empty passphrase exports unencrypted', () => {
    const key = KEYS['ssh-ed25519'] as SSHKey;
    expect(api.importPrivateKey(key.exportPrivateKey('openssh', '')).isPrivate).toBe(true);
  });

  it('truncated and corrupted keys fail with KeyImportError', () => {
    const key = KEYS['ssh-rsa'] as SSHKey;
    const pem = text(key.exportPrivateKey());
    const bin = fromBase64(pem.replace(/-----[A-Z ]+-----/g, ''));
    for (const n of [10, 20, 60, bin.length - 30, bin.length - 1]) {
      expect(() => api.importPrivateKey(bin.subarray(0, n))).toThrow(KeyImportError);
    }
    const r = new PacketReader(bin, 15);
    r.readString();
    r.readString();
    r.readString();
    r.readUint32();
    r.readString();
    const section = r.position + 4;
    // the cipher name, the public key blob, a check integer, the key type name
    for (const at of [20, 100, section + 1, section + 12]) {
      const bad = bin.slice();
      bad[at] = (bad[at] as number) ^ 0x55;
      expect(() => api.importPrivateKey(bad)).toThrow(KeyImportError);
    }
    expect(() =>
      api.importPrivateKey('-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----'),
    ).toThrow(KeyImportError);
    expect(() => api.importPrivateKey('not a key')).toThrow(/unrecognised private key format/);
  });

  it('a corrupted encrypted section is reported as a decryption failure', () => {
    const key = KEYS['ssh-ed25519'] as SSHKey;
    const bin = fromBase64(
      text(
        key.exportPrivateKey('openssh', 'pw', { cipherName: 'aes256-ctr', rounds: 1, ignoreFewRounds: true }),
      ).replace(/-----[A-Z ]+-----/g, ''),
    );
    const bad = bin.slice();
    const at = bin.length - 100; // inside the encrypted private section
    bad[at] = (bad[at] as number) ^ 1;
    let error: unknown;
    try {
      api.importPrivateKey(bad, 'pw');
    } catch (e) {
      error = e;
    }
    expect(error instanceof KeyImportError || error instanceof KeyEncryptionError).toBe(true);
  });

  it('export errors are typed', () => {
    const key = KEYS['ssh-ed25519'] as SSHKey;
    expect(() => key.exportPrivateKey('pkcs99')).toThrow(KeyExportError);
    expect(() => key.exportPrivateKey('openssh', 'pw', { cipherName: 'rc4' })).toThrow(
      /unsupported private key cipher/,
    );
    expect(() => key.exportPrivateKey('openssh', 'pw', { rounds: 0 })).toThrow(KeyExportError);
    expect(() => key.convertToPublic().exportPrivateKey()).toThrow(KeyExportError);
    expect(() => key.exportPublicKey('pkcs99')).toThrow(KeyExportError);
  });
});

describe('OpenSSH public key lines', () => {
  const api = nodeApi;
  const key = KEYS['ssh-ed25519'] as SSHKey;

  it('round-trips with a comment that has spaces', () => {
    key.setComment('me @ some host');
    const line = text(key.exportPublicKey());
    expect(line).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/=]+ me @ some host\n$/);
    const back = api.importPublicKey(line);
    expect(back.getComment()).toBe('me @ some host');
    expect(back.isPrivate).toBe(false);
    expect(back.getFingerprint('md5')).toBe(key.getFingerprint('md5'));
    key.setComment(null);
    expect(text(key.exportPublicKey())).toMatch(/^ssh-ed25519 \S+\n$/);
    key.setComment(`key ssh-ed25519`);
  });

  it('skips comment lines and rejects mismatched or broken lines', () => {
    const b64 = toBase64(key.publicData);
    expect(api.importPublicKey(`# my key\n\nssh-ed25519 ${b64}\n`).getFingerprint()).toBe(
      key.getFingerprint(),
    );
    expect(() => api.importPublicKey(`ssh-rsa ${b64}`)).toThrow(/says 'ssh-rsa' but holds a ssh-ed25519 key/);
    expect(() => api.importPublicKey(`ssh-ed25519 AAAA${b64.slice(8)}`)).toThrow(KeyImportError);
    expect(() => api.importPublicKey('hello world')).toThrow(/unrecognised public key format/);
  });

  it('fingerprints in every hash AsyncSSH names, and a typed error for others', () => {
    expect(key.getFingerprint()).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(key.getFingerprint('sha1')).toMatch(/^SHA1:[A-Za-z0-9+/]{27}$/);
    expect(key.getFingerprint('sha384')).toMatch(/^SHA384:[A-Za-z0-9+/]{64}$/);
    expect(key.getFingerprint('sha512')).toMatch(/^SHA512:[A-Za-z0-9+/]{86}$/);
    expect(key.getFingerprint('md5')).toMatch(/^MD5:([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(() => key.getFingerprint('crc32')).toThrow(/unknown fingerprint hash algorithm: crc32/);
  });
});
