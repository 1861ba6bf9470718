/**
 * The SSHKey / SSHKeyPair / SSHCertificate methods of the AsyncSSH API that
 * are not formats: comments with encoding and errors, write / append
 * methods (refused without file access), certificate signing methods,
 * the few-rounds warning of OpenSSH key export, and the neutral
 * loadCertificates.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLogger, type LogRecord, ValueError } from '@ssh/wire';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCertApi } from '../certs/cert-api.js';
import { formatIpAddress, parseIpAddress } from '../certs/cidr.js';
import { makeCertificateLoader } from '../certs/load-certificates.js';
import { SSHOpenSSHCertificate } from '../certs/openssh-certificate.js';
import type { SSHCertificate } from '../certs/ssh-certificate.js';
import { SSHX509Certificate, SSHX509CertificateChain } from '../certs/x509-certificate.js';
import { validateX509Chain } from '../certs/x509-chain.js';
import { CertificateValidationError, KeyExportError, KeyImportError } from '../errors.js';
import { fromBase64, toBase64 } from '../formats/base64.js';
import { makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';
import { nodeBackend } from './backend.node.js';
import { decodeText, encodeText } from './comment-text.js';
import { loadKeypairs } from './files.node.js';
import { SSHKeyPair } from './keypair.js';

const node = makeKeyApi(nodeBackend);
const portable = makeKeyApi(portableBackend);
const bytes = (...b: number[]) => Uint8Array.from(b);
let dir = '';
const f = (n: string) => join(dir, n);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-methods-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('comment text with encoding and errors (AsyncSSH get_comment / set_comment)', () => {
  it('decodes utf-8, ascii and latin-1 under strict, replace and ignore', () => {
    const bad = bytes(0x61, 0xff, 0x62, 0xe2, 0x82, 0x63);
    expect(() => decodeText(bad)).toThrow(ValueError);
    expect(() => decodeText(bad)).toThrow(/can't decode byte 0xff at position 1: invalid start byte/);
    expect(decodeText(bad, 'utf-8', 'replace')).toBe('a\ufffdb\ufffdc');
    expect(decodeText(bad, 'utf-8', 'ignore')).toBe('abc');
    expect(decodeText(bytes(0xef, 0xbf, 0xbd, 0xc3), 'utf8', 'ignore')).toBe('\ufffd');
    expect(decodeText(bytes(0xed, 0xa0, 0x80), 'utf-8', 'replace')).toBe('\ufffd\ufffd\ufffd');
    expect(() => decodeText(bytes(0xf0, 0x9f, 0x98))).toThrow(/truncated/);
    expect(decodeText(bytes(0xf0, 0x9f, 0x98, 0x80))).toBe('😀');
    expect(decodeText(bytes(0x63, 0x61, 0x66, 0xe9), 'latin-1')).toBe('café');
    expect(() => decodeText(bytes(0xe9), 'ascii')).toThrow(/ordinal not in range/);
    expect(decodeText(bytes(0x41, 0xe9), 'ASCII', 'replace')).toBe('A\ufffd');
    expect(decodeText(bytes(0x41, 0xe9), 'us-ascii', 'ignore')).toBe('A');
  });

  it('encodes text, refusing, replacing or dropping what the encoding lacks', () => {
    expect(encodeText('café', 'latin_1')).toEqual(bytes(0x63, 0x61, 0x66, 0xe9));
    expect(encodeText('café')).toEqual(bytes(0x63, 0x61, 0x66, 0xc3, 0xa9));
    expect(() => encodeText('café', 'ascii')).toThrow(/can't encode character U\+00e9 at position 3/);
    expect(encodeText('café', 'ascii', 'replace')).toEqual(bytes(0x63, 0x61, 0x66, 0x3f));
    expect(encodeText('c€f', 'latin-1', 'ignore')).toEqual(bytes(0x63, 0x66));
    expect(() => encodeText('a\ud800b')).toThrow(ValueError);
    expect(encodeText('a\ud800b', 'utf-8', 'replace')).toEqual(bytes(0x61, 0x3f, 0x62));
    expect(() => encodeText('x', 'koi8-r')).toThrow(/unknown encoding 'koi8-r'/);
    expect(() => decodeText(bytes(1), 'utf-8', 'surrogateescape' as 'strict')).toThrow(/error handler/);
  });

  it('random bytes: strict decodes exactly the valid UTF-8 (else ValueError), replace matches TextDecoder, ignore drops', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (data) => {
        let valid: string | undefined;
        try {
          valid = strict.decode(data);
        } catch {
          valid = undefined;
        }
        if (valid === undefined) expect(() => decodeText(data)).toThrow(ValueError);
        else expect(decodeText(data)).toBe(valid);
        expect(decodeText(data, 'utf-8', 'replace')).toBe(new TextDecoder().decode(data));
        const ignored = decodeText(data, 'utf-8', 'ignore');
        expect(ignored).toBe(new TextDecoder().decode(encodeText(ignored)));
        if (!ignored.includes('\ufffd'))
          expect(ignored).toBe(new TextDecoder().decode(data).replaceAll('\ufffd', ''));
        expect(encodeText(decodeText(data, 'latin-1'), 'latin-1')).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('applies to SSHKey, SSHKeyPair and SSHCertificate alike; empty clears', () => {
    const key = node.generatePrivateKey('ssh-ed25519');
    const cert = key.generateUserCertificate(key.convertToPublic(), 'id');
    const pair = new SSHKeyPair(key);
    for (const o of [key, pair, cert]) {
      o.setComment('naïve', 'latin-1');
      expect(o.getCommentBytes()).toEqual(bytes(0x6e, 0x61, 0xef, 0x76, 0x65));
      expect(o.getComment('latin-1')).toBe('naïve');
      expect(() => o.getComment()).toThrow(ValueError);
      expect(o.getComment('utf-8', 'replace')).toBe('na\ufffdve');
      expect(o.getComment('utf-8', 'ignore')).toBe('nave');
      expect(() => o.setComment('naïve', 'ascii')).toThrow(ValueError);
      o.setComment('');
      expect(o.getCommentBytes()).toBeNull();
      o.setComment(bytes(0x68, 0x69));
      expect(o.getComment()).toBe('hi');
      o.setComment(null);
      expect(o.getComment()).toBeNull();
    }
  });
});

describe('comment bytes in text forms', () => {
  it('public key lines and RFC 4716 blocks keep comment bytes that are not UTF-8', () => {
    const key = portable.generatePrivateKey('ssh-ed25519');
    key.setComment(bytes(0x63, 0x61, 0x66, 0xe9));
    for (const format of ['openssh', 'rfc4716']) {
      const out = key.exportPublicKey(format);
      expect(portable.importPublicKey(out).getCommentBytes()).toEqual(bytes(0x63, 0x61, 0x66, 0xe9));
      expect(portable.importPublicKeyList(out)[0]?.getComment('latin-1')).toBe('café');
    }
    expect(key.exportPublicKey().subarray(-5)).toEqual(bytes(0x63, 0x61, 0x66, 0xe9, 0x0a));
  });

  it('an X.509 certificate in OpenSSH or RFC 4716 form carries its DER (as AsyncSSH); both forms import', () => {
    const key = portable.generatePrivateKey('ssh-ed25519');
    const cert = key.generateX509UserCertificate(key, 'CN=me', { comment: 'mine' });
    const line = new TextDecoder().decode(cert.exportCertificate()).trim().split(' ');
    expect(line[0]).toBe('x509v3-ssh-ed25519');
    expect(fromBase64(line[1] as string)).toEqual(cert.der);
    const certs = makeCertApi(portableBackend);
    for (const format of ['openssh', 'rfc4716']) {
      const back = certs.importCertificate(cert.exportCertificate(format));
      expect(back.publicData).toEqual(cert.publicData);
      expect(back.getComment()).toBe('mine');
    }
    // The RFC 6187 blob in a line (how earlier versions wrote it) still imports.
    const legacy = `x509v3-ssh-ed25519 ${toBase64(cert.publicData)}\n`;
    expect(certs.importCertificate(legacy).publicData).toEqual(cert.publicData);
  });
});

describe('write and append methods', () => {
  it('write and append keys and certificates with a node-bound key', async () => {
    const ed = node.generatePrivateKey('ssh-ed25519', { comment: 'ed' });
    const ec = node.importPrivateKey(portable.generatePrivateKey('ecdsa-sha2-nistp256').exportPrivateKey());
    await ed.writePrivateKey(f('id_ed'), 'openssh', 'pw', { rounds: 2, ignoreFewRounds: true });
    expect(statSync(f('id_ed')).mode & 0o777).toBe(0o600);
    expect(node.importPrivateKey(readFileSync(f('id_ed')), 'pw').getFingerprint()).toBe(ed.getFingerprint());
    await ed.writePublicKey(f('id_ed.pub'));
    expect(readFileSync(f('id_ed.pub'), 'utf8')).toBe(new TextDecoder().decode(ed.exportPublicKey()));
    await ed.appendPrivateKey(f('both'));
    await ec.appendPrivateKey(f('both'), 'pkcs8-pem');
    expect(statSync(f('both')).mode & 0o777).toBe(0o600);
    expect(node.importPrivateKeyList(readFileSync(f('both'))).map((k) => k.getFingerprint())).toEqual([
      ed.getFingerprint(),
      ec.getFingerprint(),
    ]);
    await ed.appendPublicKey(f('pubs'));
    await ec.appendPublicKey(f('pubs'), 'rfc4716');
    expect(node.importPublicKeyList(readFileSync(f('pubs'))).length).toBe(2);
    const cert = ed.generateHostCertificate(ec, 'host', { principals: 'h1,h2' });
    await cert.writeCertificate(f('cert'));
    await cert.appendCertificate(f('cert'), 'rfc4716');
    const certs = makeCertApi(nodeBackend).importCertificateList(readFileSync(f('cert')));
    expect(certs.map((c) => c.principals)).toEqual([
      ['h1', 'h2'],
      ['h1', 'h2'],
    ]);
  });

  it('refuse without file access (the neutral entry) with KeyExportError, writing nothing', async () => {
    const key = portable.generatePrivateKey('ssh-ed25519');
    const cert = key.generateUserCertificate(key, 'me');
    const target = f('never');
    await expect(key.writePrivateKey(target)).rejects.toThrow(KeyExportError);
    await expect(key.writePublicKey(target)).rejects.toThrow(/needs the node entry point/);
    await expect(key.appendPrivateKey(target)).rejects.toThrow(KeyExportError);
    await expect(key.appendPublicKey(target)).rejects.toThrow(KeyExportError);
    await expect(cert.writeCertificate(target)).rejects.toThrow(KeyExportError);
    await expect(cert.appendCertificate(target)).rejects.toThrow(KeyExportError);
    expect(() => statSync(target)).toThrow();
  });

  it('report export errors before touching the file', async () => {
    const key = node.generatePrivateKey('ssh-ed25519');
    await expect(key.writePrivateKey(f('bad'), 'no-such-format')).rejects.toThrow(KeyExportError);
    await expect(key.convertToPublic().writePrivateKey(f('bad'))).rejects.toThrow(KeyExportError);
    const cert = key.generateUserCertificate(key, 'me');
    await expect(cert.writeCertificate(f('bad'), 'der')).rejects.toThrow(KeyExportError);
    expect(() => statSync(f('bad'))).toThrow();
    await expect(key.writePublicKey(join(dir, 'missing-dir', 'x'))).rejects.toThrow(/ENOENT/);
  });
});

describe('certificate signing methods of SSHKey', () => {
  const ca = node.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'ca' });
  const user = portable.generatePrivateKey('ssh-ed25519', { comment: 'user' }).convertToPublic();

  it('generateUserCertificate / generateHostCertificate sign with the key they are called on', () => {
    const cert = ca.generateUserCertificate(user, 'alice', {
      principals: ['alice'],
      forceCommand: 'uptime',
      permitPty: false,
      serial: 7,
    });
    expect(cert).toBeInstanceOf(SSHOpenSSHCertificate);
    expect(cert.getAlgorithm()).toBe('ssh-ed25519-cert-v01@openssh.com');
    expect(cert.signingKey.publicData).toEqual(ca.publicData);
    expect(cert.keyId).toBe('alice');
    expect(cert.serial).toBe(7n);
    expect(cert.getComment()).toBe('user');
    expect(cert.criticalOptions.map((o) => o.name)).toEqual(['force-command']);
    expect(cert.extensions.map((o) => o.name)).not.toContain('permit-pty');
    expect(cert.options.forceCommand).toBe('uptime');
    const host = ca.generateHostCertificate(user, 'web', { principals: 'web.example' });
    expect(host.certType).toBe('host');
    expect(() => user.generateHostCertificate(user, 'x')).toThrow(/private CA key/);
  });

  it('IP addresses print as Python ipaddress does (RFC 5952)', () => {
    const ip = (t: string) => formatIpAddress(parseIpAddress(t) as Uint8Array);
    expect(
      [
        '::',
        '::1',
        '1::',
        '2001:DB8:0:0:1:0:0:1',
        'fe80:0:0:1:0:0:0:1',
        '1:2:3:4:5:6:7:8',
        '1:0:2:3:4:5:6:7',
      ].map(ip),
    ).toEqual([
      '::',
      '::1',
      '1::',
      '2001:db8::1:0:0:1',
      'fe80:0:0:1::1',
      '1:2:3:4:5:6:7:8',
      '1:0:2:3:4:5:6:7',
    ]);
    expect(ip('192.0.2.10')).toBe('192.0.2.10');
    expect(() => formatIpAddress(new Uint8Array(5))).toThrow(RangeError);
  });

  it('X.509 purposes: names, dotted OIDs, any; no EKU and anyExtendedKeyUsage allow every purpose', () => {
    const self = (purposes: string | string[] | null) =>
      ca.generateX509UserCertificate(ca, 'CN=p', { purposes });
    const server = self('serverAuth');
    expect(server.purposes).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.allowsPurpose('1.3.6.1.5.5.7.3.1')).toBe(true);
    expect(server.allowsPurpose(['secureShellClient', 'serverAuth'])).toBe(true);
    expect(server.allowsPurpose('secureShellClient')).toBe(false);
    expect(server.allowsPurpose('any')).toBe(true);
    expect(self(['clientAuth', 'secureShellClient']).purposes).toEqual([
      '1.3.6.1.5.5.7.3.2',
      '1.3.6.1.5.5.7.3.20',
    ]);
    for (const open of [self(null), self('2.5.29.37.0'), self('any')]) {
      expect(open.allowsPurpose('secureShellServer')).toBe(true);
      expect(open.allowsPurpose('1.2.3.4')).toBe(true);
    }
    expect(() => self('noSuchPurpose')).toThrow(/unknown X.509 purpose 'noSuchPurpose'/);
    expect(() => server.allowsPurpose('1.2.x')).toThrow(RangeError);
  });

  it('generateX509{Ca,User,Host}Certificate build a chain that validates for its purposes', () => {
    const root = node.generatePrivateKey('ssh-ed25519');
    const rootCert = root.generateX509CaCertificate(root, 'CN=Root CA', { caPathLen: 0 });
    const userCert = root.generateX509UserCertificate(user, 'CN=alice', {
      issuer: 'CN=Root CA',
      principals: ['alice'],
    });
    const hostCert = root.generateX509HostCertificate(user, 'CN=web', { issuer: 'CN=Root CA' });
    expect(userCert.purposes).toEqual(['1.3.6.1.5.5.7.3.20']);
    expect(hostCert.purposes).toEqual(['1.3.6.1.5.5.7.3.21']);
    expect(rootCert.purposes).toBeUndefined();
    expect(rootCert.isCA).toBe(true);
    validateX509Chain([userCert], { trusted: [rootCert], purposes: 'secureShellClient' });
    validateX509Chain([hostCert], { trusted: [rootCert], purposes: 'secureShellServer' });
    // AsyncSSH's principal checks: user names from e-mail SANs, hosts from DNS / IP SANs, else the CN.
    validateX509Chain([userCert], { trusted: [rootCert], userPrincipal: 'alice' });
    validateX509Chain([hostCert], { trusted: [rootCert], hostPrincipal: 'web' });
    for (const bad of [
      () => validateX509Chain([userCert], { trusted: [rootCert], userPrincipal: 'mallory' }),
      () => validateX509Chain([userCert], { trusted: [rootCert], hostPrincipal: 'alice' }),
      () => validateX509Chain([hostCert], { trusted: [rootCert], hostPrincipal: 'other' }),
    ]) {
      expect(bad).toThrow(expect.objectContaining({ reason: 'principal' }));
    }
    expect(() =>
      validateX509Chain([userCert], { trusted: [rootCert], purposes: 'secureShellServer' }),
    ).toThrow(CertificateValidationError);
  });
});

describe('OpenSSH key export with few bcrypt rounds', () => {
  const records: LogRecord[] = [];
  const logger = getLogger('asyncssh');
  beforeAll(() => logger.setHandler((r) => records.push(r)));
  afterAll(() => logger.setHandler(null));
  afterEach(() => {
    records.length = 0;
  });
  const key = portable.generatePrivateKey('ssh-ed25519');

  it('warns below 50 rounds, as AsyncSSH (via bcrypt) does, and still exports', () => {
    const pem = key.exportPrivateKey('openssh', 'pw', { rounds: 4 });
    expect(portable.importPrivateKey(pem, 'pw').getFingerprint()).toBe(key.getFingerprint());
    expect(records).toHaveLength(1);
    expect(records[0]?.levelName).toBe('WARNING');
    expect(records[0]?.message).toMatch(/only 4 bcrypt round\(s\).*minimum is 50.*ignoreFewRounds/);
  });

  it('is silent with ignoreFewRounds, from 50 rounds up, and for unencrypted keys', () => {
    key.exportPrivateKey('openssh', 'pw', { rounds: 4, ignoreFewRounds: true });
    key.exportPrivateKey('openssh', 'pw', { rounds: 50 });
    key.exportPrivateKey('openssh', undefined, { rounds: 1 });
    key.exportPrivateKey('pkcs8-pem', 'pw', { rounds: 1 });
    expect(records).toEqual([]);
  });

  it('never warns on import of a few-round key', () => {
    const pem = key.exportPrivateKey('openssh', 'pw', { rounds: 1, ignoreFewRounds: true });
    portable.importPrivateKey(pem, 'pw');
    expect(records).toEqual([]);
  });
});

describe('loadKeypairs with X.509 chains (AsyncSSH CertificateChainRef)', () => {
  const root = node.generatePrivateKey('ssh-ed25519');
  const mid = node.generatePrivateKey('ssh-ed25519');
  const user = node.generatePrivateKey('ecdsa-sha2-nistp256');
  const rootCert = root.generateX509CaCertificate(root, 'CN=root');
  const midCert = root.generateX509CaCertificate(mid, 'CN=mid', { issuer: 'CN=root' });
  const leaf = mid.generateX509UserCertificate(user, 'CN=user', { issuer: 'CN=mid' });
  const ders = (c: SSHCertificate | null | undefined) =>
    c instanceof SSHX509CertificateChain
      ? c.certs.map((x) => x.subject)
      : c instanceof SSHX509Certificate
        ? [c.subject]
        : [];

  it('a list of X.509 certificates given with a key is its chain, leaf first', async () => {
    const [pair] = await loadKeypairs([[user, [leaf, midCert.exportCertificate('pem')]]]);
    expect(pair?.cert).toBeInstanceOf(SSHX509CertificateChain);
    expect(ders(pair?.cert)).toEqual(['CN=user', 'CN=mid']);
    expect(pair?.getAlgorithm()).toBe('x509v3-ecdsa-sha2-nistp256');
    const chain = pair?.cert as SSHX509CertificateChain;
    validateX509Chain(chain.certs, { trusted: [rootCert], purposes: 'secureShellClient' });
    await expect(loadKeypairs([[user, [midCert, leaf]]])).rejects.toThrow(
      /starts with a certificate for a different key/,
    );
  });

  it('an X.509 certificate beside the key in its file, or in the certlist, goes with the issuers found there', async () => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    const file = f('user-with-chain.pem');
    writeFileSync(
      file,
      text(user.exportPrivateKey('pkcs8-pem')) +
        text(leaf.exportCertificate('pem')) +
        text(midCert.exportCertificate('pem')),
    );
    const fromFile = await loadKeypairs(file);
    expect(fromFile.map((p) => ders(p.cert))).toEqual([['CN=user', 'CN=mid'], []]);
    const fromList = await loadKeypairs(user, { certlist: [rootCert, midCert, leaf] });
    expect(fromList.map((p) => ders(p.cert))).toEqual([['CN=user', 'CN=mid', 'CN=root'], []]);
    const alone = await loadKeypairs(user, { certlist: [leaf] });
    expect(alone[0]?.cert).toBe(leaf);
  });
});

describe('loadKeypairs with public keys (AsyncSSH SSHLocalKeyPair comments)', () => {
  const key = node.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'pub comment' });
  const other = node.generatePrivateKey('ssh-ed25519', { comment: 'other' });
  // PKCS#8 holds no comment: the pair's comes from the public key.
  const pkcs8 = key.exportPrivateKey('pkcs8-pem');

  it('a key file takes its comment from <file>.pub when it has none; a .pub of another key is ignored', async () => {
    writeFileSync(f('id_pk8'), pkcs8);
    writeFileSync(f('id_pk8.pub'), key.exportPublicKey());
    expect((await loadKeypairs(f('id_pk8'))).map((p) => p.getComment())).toEqual(['pub comment']);
    writeFileSync(f('id_pk8.pub'), other.exportPublicKey());
    expect((await loadKeypairs(f('id_pk8'))).map((p) => p.getComment())).toEqual([null]);
    writeFileSync(f('id_pk8.pub'), 'not a key');
    expect((await loadKeypairs(f('id_pk8'))).map((p) => p.getComment())).toEqual([null]);
  });

  it('an SSHKeyPair comes back itself, once, with a certificate from its tuple or the certlist attached', async () => {
    const pair = new SSHKeyPair(key);
    const cert = other.generateUserCertificate(key, 'pair cert');
    const [same] = await loadKeypairs(pair);
    expect(same).toBe(pair);
    expect(pair.cert).toBeNull();
    const fromList = await loadKeypairs([pair], { certlist: [cert] });
    expect(fromList).toEqual([pair]);
    expect(pair.getAlgorithm()).toBe('ecdsa-sha2-nistp256-cert-v01@openssh.com');
    const plain = new SSHKeyPair(key);
    expect(await loadKeypairs([[plain, cert.exportCertificate()]])).toEqual([plain]);
    expect(plain.cert?.publicData).toEqual(cert.publicData);
    await expect(loadKeypairs([[new SSHKeyPair(other), cert]])).rejects.toThrow(/different key/);
  });

  it('[key, public key] tuples: bytes, a file or an SSHKey; a mismatch is a KeyImportError', async () => {
    const pub = key.convertToPublic();
    writeFileSync(f('key.pub'), key.exportPublicKey('rfc4716'));
    for (const second of [key.exportPublicKey(), f('key.pub'), pub]) {
      const pairs = await loadKeypairs([[pkcs8, second]]);
      expect(pairs.map((p) => [p.getAlgorithm(), p.getComment()])).toEqual([
        ['ecdsa-sha2-nistp256', 'pub comment'],
      ]);
    }
    await expect(loadKeypairs([[pkcs8, other.exportPublicKey()]])).rejects.toThrow(/does not match/);
    await expect(loadKeypairs([[pkcs8, new TextEncoder().encode('neither')]])).rejects.toThrow(
      KeyImportError,
    );
    // An empty certificate list is no certificate: the certlist still applies.
    const cert = other.generateUserCertificate(key, 'id');
    const withList = await loadKeypairs([[pkcs8, []]], { certlist: [cert] });
    expect(withList.map((p) => p.getAlgorithm())).toEqual([
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'ecdsa-sha2-nistp256',
    ]);
  });
});

describe('loadCertificates without a file system', () => {
  it('takes bytes, certificates and lists; refuses file names with KeyImportError', async () => {
    const load = makeCertificateLoader(portableBackend);
    const ca = portable.generatePrivateKey('ssh-ed25519');
    const a = ca.generateUserCertificate(ca, 'a');
    const b = ca.generateX509UserCertificate(ca, 'CN=b');
    const text = new TextDecoder();
    const both = new TextEncoder().encode(
      text.decode(a.exportCertificate()) + text.decode(b.exportCertificate('pem')),
    );
    const got = await load([a, b.exportCertificate('der'), both]);
    expect(got.map((c) => c.getAlgorithm())).toEqual([
      'ssh-ed25519-cert-v01@openssh.com',
      'x509v3-ssh-ed25519',
      'ssh-ed25519-cert-v01@openssh.com',
      'x509v3-ssh-ed25519',
    ]);
    expect(await load(a)).toEqual([a]);
    await expect(load('/etc/ssh/ca.pub')).rejects.toThrow(KeyImportError);
    await expect(load(new TextEncoder().encode('garbage'))).rejects.toThrow(KeyImportError);
  });
});
