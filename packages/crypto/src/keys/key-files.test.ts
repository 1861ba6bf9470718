import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertApi } from '../certs/cert-api.js';
import { KeyEncryptionError, KeyImportError, PassphraseRequiredError, SignatureError } from '../errors.js';
import { makeKeyApi } from './api.js';
import { nodeBackend } from './backend.node.js';
import {
  appendPrivateKey,
  appendPublicKey,
  loadKeypairs,
  loadPublicKeys,
  readPrivateKey,
  readPrivateKeyList,
  readPublicKey,
  readPublicKeyList,
  writePrivateKey,
  writePublicKey,
} from './files.node.js';
import { SSHKeyPair } from './keypair.js';
import { makeKeyLoader } from './load.js';
import { setDefaultSkipRsaKeyValidation } from './rsa-validation.js';

const api = makeKeyApi(nodeBackend);
const certs = makeCertApi(nodeBackend);
const ed = api.generatePrivateKey('ssh-ed25519', { comment: 'ed key' });
const ec = api.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'ec key' });
const rsa = api.generatePrivateKey('ssh-rsa', { keySize: 1024, comment: 'rsa key' });
const ca = api.generatePrivateKey('ssh-ed25519', { comment: 'ca' });
const msg = new TextEncoder().encode('data to sign');
let dir = '';
const f = (n: string) => join(dir, n);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading and writing key files (node)', () => {
  it('write / read one key in every format, private files mode 0600', async () => {
    for (const format of ['openssh', 'pkcs8-pem', 'pkcs1-pem', 'ppk']) {
      await writePrivateKey(ec, f(`ec.${format}`), format, 'pw', {
        argon2: { memory: 64, passes: 1 },
        rounds: 1,
        ignoreFewRounds: true,
      });
      expect(statSync(f(`ec.${format}`)).mode & 0o777).toBe(0o600);
      expect((await readPrivateKey(f(`ec.${format}`), 'pw')).getFingerprint()).toBe(ec.getFingerprint());
    }
    await writePublicKey(ec, f('ec.pub'));
    expect(readFileSync(f('ec.pub'), 'utf8')).toMatch(/^ecdsa-sha2-nistp256 AAAA\S+ ec key\n$/);
    await writePublicKey(ec, f('ec.rfc'), 'rfc4716');
    expect((await readPublicKey(f('ec.rfc'))).getComment()).toBe('ec key');
    await expect(readPrivateKey(f('ec.openssh'))).rejects.toThrow(PassphraseRequiredError);
    await expect(readPrivateKey(f('ec.ppk'), 'wrong')).rejects.toThrow(KeyEncryptionError);
  });

  it('append keys of several formats to one file and read them back as lists', async () => {
    await appendPrivateKey(ed, f('many'));
    await appendPrivateKey(ec, f('many'), 'pkcs8-pem', 'pw');
    await appendPrivateKey(rsa, f('many'), 'pkcs1-pem', 'pw');
    await appendPrivateKey(ed, f('many'), 'ppk', 'pw', { ppkVersion: 2 });
    const list = await readPrivateKeyList(f('many'), 'pw');
    expect(list.map((k) => k.getFingerprint())).toEqual([ed, ec, rsa, ed].map((k) => k.getFingerprint()));
    await appendPublicKey(ed, f('pubs'));
    await appendPublicKey(ec, f('pubs'), 'rfc4716');
    await appendPublicKey(rsa, f('pubs'), 'pkcs8-pem');
    writeFileSync(f('pubs'), `# a comment line\n\n${readFileSync(f('pubs'), 'utf8')}`);
    const pubs = await readPublicKeyList(f('pubs'));
    expect(pubs.map((k) => k.getFingerprint())).toEqual([ed, ec, rsa].map((k) => k.getFingerprint()));
  });
});

describe('SSHKeyPair', () => {
  it('signs with the key, names the certificate algorithm when one is attached', () => {
    const pair = new SSHKeyPair(rsa);
    expect(pair.getKeyType()).toBe('local');
    expect(pair.getAlgorithm()).toBe('ssh-rsa');
    expect(pair.getComment()).toBe('rsa key');
    expect(pair.publicData).toEqual(rsa.publicData);
    expect(rsa.verify(msg, pair.sign(msg, 'rsa-sha2-512'))).toBe(true);
    const cert = certs.generateUserCertificate(ca, rsa.convertToPublic(), 'user', { principals: ['me'] });
    pair.setCertificate(cert);
    expect(pair.getAlgorithm()).toBe('ssh-rsa-cert-v01@openssh.com');
    expect(pair.publicData).toEqual(cert.publicData);
    const sig = pair.sign(msg, 'rsa-sha2-256-cert-v01@openssh.com');
    expect(rsa.verify(msg, sig)).toBe(true);
    expect(() => pair.sign(msg, 'ssh-ed25519')).toThrow(SignatureError);
    pair.setComment('renamed');
    expect(pair.getCommentBytes()).toEqual(new TextEncoder().encode('renamed'));
    pair.setComment(null);
    expect(pair.getComment()).toBeNull();
    expect(() => pair.setCertificate(certs.generateUserCertificate(ca, ed.convertToPublic(), 'x'))).toThrow(
      /different key/,
    );
    expect(() => new SSHKeyPair(ed.convertToPublic())).toThrow(KeyImportError);
  });
});

describe('loadKeypairs / loadPublicKeys', () => {
  it('takes file names, bytes, keys, pairs and [key, cert] tuples; pairs <file>-cert.pub', async () => {
    const cert = certs.generateUserCertificate(ca, ed.convertToPublic(), 'ed user');
    await writePrivateKey(ed, f('id_ed'), 'openssh', 'secret', { rounds: 1, ignoreFewRounds: true });
    writeFileSync(f('id_ed-cert.pub'), cert.exportCertificate());
    const ecCert = certs.generateUserCertificate(ca, ec.convertToPublic(), 'ec user');
    const pairs = await loadKeypairs(
      [
        f('id_ed'),
        ec.exportPrivateKey('pkcs8-der'),
        rsa,
        new SSHKeyPair(rsa),
        [ec, ecCert.exportCertificate()],
      ],
      { passphrase: (name) => (name.endsWith('id_ed') ? 'secret' : undefined) },
    );
    expect(pairs.map((p) => p.getAlgorithm())).toEqual([
      'ssh-ed25519-cert-v01@openssh.com',
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ssh-rsa',
      'ssh-rsa',
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'ecdsa-sha2-nistp256',
    ]);
    expect(pairs[0]?.getComment()).toBe('ed key');
  });

  it('pairs a separate certificate list, skips encrypted keys and public files when asked', async () => {
    const cert = certs.generateUserCertificate(ca, ec.convertToPublic(), 'ec user');
    writeFileSync(f('enc'), ed.exportPrivateKey('pkcs8-pem', 'x'));
    writeFileSync(f('plain'), ec.exportPrivateKey('pkcs1-pem'));
    writeFileSync(f('plain.pub'), ec.exportPublicKey());
    const pairs = await loadKeypairs([f('enc'), f('plain'), f('plain.pub')], {
      certlist: [cert],
      ignoreEncrypted: true,
      skipPublic: true,
    });
    expect(pairs.map((p) => p.getAlgorithm())).toEqual([
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'ecdsa-sha2-nistp256',
    ]);
    await expect(loadKeypairs(f('enc'))).rejects.toThrow(PassphraseRequiredError);
    await expect(loadKeypairs(f('missing'))).rejects.toThrow(/does not exist/);
    await expect(loadKeypairs([[ec, cert.exportCertificate()]])).resolves.toHaveLength(2);
    await expect(loadKeypairs([[rsa, cert]])).rejects.toThrow(/different key/);
  });

  it('loadPublicKeys reads files, bytes and keys; the neutral loader refuses file names', async () => {
    const keys = await loadPublicKeys([f('pubs'), ed.exportPublicKey('pkcs8-der'), rsa]);
    expect(keys.map((k) => k.isPrivate)).toEqual([false, false, false, false, false]);
    expect(keys.map((k) => k.algorithm)).toEqual([
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ssh-rsa',
      'ssh-ed25519',
      'ssh-rsa',
    ]);
    const neutral = makeKeyLoader(nodeBackend);
    await expect(neutral.loadPublicKeys(f('pubs'))).rejects.toThrow(/node entry point/);
    await expect(neutral.loadKeypairs(ed.exportPrivateKey())).resolves.toHaveLength(1);
  });
});

describe('RSA key validation switch', () => {
  it('a key whose exponent does not match is refused, unless validation is skipped', () => {
    const good = api.importPrivateKey(rsa.exportPrivateKey('pkcs1-der'));
    const der = good.exportPrivateKey('pkcs1-der');
    // Break the CRT coefficient (the last INTEGER): only the full validation notices.
    const bad = der.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    expect(() => api.importPrivateKey(bad)).toThrow(/CRT coefficient/);
    expect(api.importPrivateKey(bad, undefined, { unsafeSkipRsaKeyValidation: true }).algorithm).toBe(
      'ssh-rsa',
    );
    setDefaultSkipRsaKeyValidation(true);
    try {
      expect(api.importPrivateKey(bad).algorithm).toBe('ssh-rsa');
      expect(() => api.importPrivateKey(bad, undefined, { unsafeSkipRsaKeyValidation: false })).toThrow(
        KeyImportError,
      );
    } finally {
      setDefaultSkipRsaKeyValidation(false);
    }
  });
});

describe('a PEM file holding a certificate beside the key', () => {
  it('imports the key and lists only keys', async () => {
    const other = '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n';
    const data = `${other}${new TextDecoder().decode(ec.exportPrivateKey('pkcs8-pem'))}${other}`;
    expect(api.importPrivateKey(data).getFingerprint()).toBe(ec.getFingerprint());
    expect(api.importPrivateKeyList(data).map((k) => k.getFingerprint())).toEqual([ec.getFingerprint()]);
  });
});
