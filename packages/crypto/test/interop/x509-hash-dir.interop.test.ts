/**
 * OpenSSL's name hash and hashed certificate directories (AsyncSSH's
 * x509_trusted_cert_paths) against OpenSSL 3: `openssl x509 -subject_hash`
 * and `-issuer_hash` of certificates OpenSSL and we make (odd case, white
 * space, UTF-8, multi-valued RDNs, IA5String attributes) match ours, and a
 * directory `openssl rehash` builds yields the issuers of a chain.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPeer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertApi } from '../../src/certs/cert-api.js';
import { loadX509TrustedCerts } from '../../src/certs/read.node.js';
import type { SSHX509Certificate } from '../../src/certs/x509-certificate.js';
import { validateX509Chain } from '../../src/certs/x509-chain.js';
import { x509NameHash } from '../../src/certs/x509-name-hash.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
const skip = OPENSSL ? { skip: false, reason: '' } : missingPeer('openssl', 'apt-get install openssl');
const keys = makeKeyApi(nodeBackend);
const certs = makeCertApi(nodeBackend);

/** Subjects for `openssl req -subj` (with -utf8 and -multivalue-rdn). */
const SUBJECTS = [
  '/CN=  Mixed   CASE\tName  /O=Example Org',
  '/DC=Example/DC=COM/CN=Host.Example.COM/emailAddress=Admin@Example.COM',
  '/CN=Café Ünïcode  Straße/O=ÖBB',
  '/CN=alice+OU=Ops  Team/O=x',
  '/C=DE/ST=Berlin/L=Berlin/O=A, B and C/OU=ou/CN=plain',
];

describe.skipIf(skip.skip)(
  `OpenSSL name hashes and hashed directories${skip.reason ? ` (skipped: ${skip.reason})` : ''}`,
  () => {
    let dir = '';
    const f = (n: string) => join(dir, n);
    const ssl = (args: string[]) =>
      execFileSync(OPENSSL as string, args, { encoding: 'utf8', stdio: 'pipe' });
    const hashes = (file: string) =>
      ssl(['x509', '-noout', '-subject_hash', '-issuer_hash', '-in', file]).trim().split('\n');

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'x509-hash-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('subject and issuer hashes of certificates OpenSSL makes match openssl x509 -subject_hash', () => {
      SUBJECTS.forEach((subject, i) => {
        const file = f(`theirs${i}.pem`);
        ssl([
          'req',
          '-x509',
          '-newkey',
          'ed25519',
          '-nodes',
          '-utf8',
          '-multivalue-rdn',
          '-subj',
          subject,
          '-days',
          '2',
          '-keyout',
          f(`theirs${i}.key`),
          '-out',
          file,
        ]);
        const cert = certs.importCertificate(readFileSync(file)) as SSHX509Certificate;
        expect([cert.subjectHash, cert.issuerHash]).toEqual(hashes(file));
      });
    });

    it('hashes of certificates we make match, and x509NameHash takes a Name as encoded', () => {
      const ca = keys.generatePrivateKey('ecdsa-sha2-nistp256');
      const cert = ca.generateX509UserCertificate(
        keys.generatePrivateKey('ssh-ed25519'),
        'CN=User  One, O=Ex',
        {
          issuer: 'CN=Our CA, O=EX, C=DE',
        },
      );
      writeFileSync(f('ours.pem'), cert.exportCertificate('pem'));
      expect([cert.subjectHash, cert.issuerHash]).toEqual(hashes(f('ours.pem')));
      // An empty Name (SEQUENCE {}) hashes like OpenSSL's: SHA-1 of nothing.
      expect(x509NameHash(Uint8Array.of(0x30, 0x00))).toBe('eea339da');
      expect(() => x509NameHash(Uint8Array.of(0x30, 0x05))).toThrow(RangeError);
    });

    it('a directory built by openssl rehash gives the issuers of a chain, which then validates', async () => {
      const root = keys.generatePrivateKey('ssh-ed25519');
      const mid = keys.generatePrivateKey('ecdsa-sha2-nistp384');
      const user = keys.generatePrivateKey('ecdsa-sha2-nistp256');
      const rootCert = root.generateX509CaCertificate(root, 'CN=Hashed Root, O=Example');
      const midCert = root.generateX509CaCertificate(mid, 'CN=Hashed Mid, O=Example', {
        issuer: 'CN=Hashed Root, O=Example',
      });
      const otherRoot = keys.generatePrivateKey('ssh-ed25519');
      const other = otherRoot.generateX509CaCertificate(otherRoot, 'CN=Unrelated Root');
      const leaf = mid.generateX509UserCertificate(user, 'CN=leaf user', {
        issuer: 'CN=Hashed Mid, O=Example',
      });
      const trust = f('trust');
      mkdirSync(trust);
      await rootCert.writeCertificate(join(trust, 'root.pem'), 'pem');
      await midCert.writeCertificate(join(trust, 'mid.pem'), 'pem');
      await other.writeCertificate(join(trust, 'other.pem'), 'pem');
      ssl(['rehash', trust]);
      const empty = f('empty');
      mkdirSync(empty);
      const found = await loadX509TrustedCerts(leaf, [empty, trust]);
      expect(found.map((c) => c.subject)).toEqual(['CN=Hashed Mid, O=Example', 'CN=Hashed Root, O=Example']);
      validateX509Chain([leaf, ...found.slice(0, 1)], {
        trusted: found.slice(1),
        purposes: 'secureShellClient',
      });
      // A self-signed certificate in the directory is its own anchor; one whose issuer is absent has none.
      expect((await loadX509TrustedCerts(other, [trust])).map((c) => c.subject)).toEqual([
        'CN=Unrelated Root',
      ]);
      const stray = otherRoot.generateX509UserCertificate(user, 'CN=stray', { issuer: 'CN=Absent CA' });
      expect(await loadX509TrustedCerts(stray, [trust])).toEqual([]);
      expect(await loadX509TrustedCerts(leaf, [join(dir, 'no-such-dir')])).toEqual([]);
    });
  },
);
