/**
 * X.509 without external peers: generation and parsing round trips for
 * every key type (DSA too), RFC 6187 chain blobs, export forms, path length
 * limits, subject name patterns, and typed errors for random, mutated and
 * truncated DER and PEM (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CertificateImportError, CertificateValidationError, KeyImportError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { nodeBackend } from '../keys/backend.node.js';
import { makeCertApi } from './cert-api.js';
import { type SSHX509Certificate, SSHX509CertificateChain } from './x509-certificate.js';
import { validateX509Chain } from './x509-chain.js';
import { parseName, X509NamePattern } from './x509-name.js';

const keys = makeKeyApi(nodeBackend);
const certs = makeCertApi(nodeBackend);
const rootKey = keys.generatePrivateKey('ecdsa-sha2-nistp384');
const root = certs.generateX509CaCertificate(rootKey, rootKey, 'CN=Root, O=Example');
const leafKey = keys.generatePrivateKey('ssh-ed25519', { comment: 'leaf' });
const leaf = certs.generateX509UserCertificate(rootKey, leafKey, 'CN=alice, OU=People, O=Example', {
  issuer: 'CN=Root, O=Example',
  principals: ['alice'],
});

function onlyTyped(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof KeyImportError)) throw e;
  }
}

describe('X.509 certificates', () => {
  it('every key type makes a self-signed certificate that parses back and validates', () => {
    for (const t of [
      'ssh-rsa',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp521',
      'ssh-ed25519',
      'ssh-ed448',
      'ssh-dss',
    ]) {
      const k = keys.generatePrivateKey(t);
      const c = certs.generateX509HostCertificate(k, k, `CN=${t}`, {
        serial: 42,
        validAfter: '-1h',
        validBefore: '+1d',
      });
      expect(c.algorithm).toBe(`x509v3-${t}`);
      expect(c.serial).toBe(42n);
      expect(c.purposes).toEqual(['1.3.6.1.5.5.7.3.21']);
      const back = certs.importCertificate(c.exportCertificate('der')) as SSHX509Certificate;
      expect(back.key.publicData).toEqual(k.publicData);
      validateX509Chain([back], { trusted: [c], purposes: 'secureShellServer' });
    }
    expect(certs.generateX509UserCertificate(rootKey, leafKey, 'CN=x').sigAlgorithms).toEqual([
      'x509v3-ssh-ed25519',
    ]);
    const rsa = keys.generatePrivateKey('ssh-rsa');
    expect(certs.generateX509Certificate(rsa, rsa, 'CN=r', { hashAlg: 'sha512' }).sigAlgorithms).toEqual([
      'x509v3-rsa2048-sha256',
      'x509v3-ssh-rsa',
    ]);
  });

  it('exports der, pem, openssh and rfc4716 forms that import back; chains travel as RFC 6187 blobs', () => {
    for (const f of ['der', 'pem', 'openssh', 'rfc4716']) {
      const back = certs.importCertificate(leaf.exportCertificate(f)) as SSHX509Certificate;
      expect(back.der).toEqual(leaf.der);
      if (f === 'openssh' || f === 'rfc4716') expect(back.getComment()).toBe('leaf');
    }
    const chain = new SSHX509CertificateChain([leaf, root], new TextEncoder().encode('chain'));
    const again = certs.decodeSSHCertificate(chain.publicData);
    expect(again).toBeInstanceOf(SSHX509CertificateChain);
    expect((again as SSHX509CertificateChain).certs.map((c) => c.subject)).toEqual([
      leaf.subject,
      root.subject,
    ]);
    expect(certs.importCertificate(chain.exportCertificate()).publicData).toEqual(chain.publicData);
    expect(certs.importCertificateList(chain.exportCertificate('pem'))).toHaveLength(2);
    expect(leaf.subject).toBe('CN=alice, OU=People, O=Example');
    expect(leaf.issuer).toBe('CN=Root, O=Example');
  });

  it('enforces CA path lengths and refuses non-CA issuers', () => {
    const aKey = keys.generatePrivateKey('ssh-ed25519');
    const bKey = keys.generatePrivateKey('ssh-ed25519');
    const a = certs.generateX509CaCertificate(rootKey, aKey, 'CN=A', {
      issuer: 'CN=Root, O=Example',
      caPathLen: 0,
    });
    const b = certs.generateX509CaCertificate(aKey, bKey, 'CN=B', { issuer: 'CN=A' });
    const end = certs.generateX509UserCertificate(bKey, leafKey, 'CN=end', { issuer: 'CN=B' });
    const endA = certs.generateX509UserCertificate(aKey, leafKey, 'CN=end', { issuer: 'CN=A' });
    validateX509Chain([endA, a], { trusted: [root] });
    expect(() => validateX509Chain([end, b, a], { trusted: [root] })).toThrow(/path length/);
    const notCa = certs.generateX509UserCertificate(leafKey, leafKey, 'CN=fake', {
      issuer: 'CN=alice, OU=People, O=Example',
    });
    try {
      validateX509Chain([notCa, leaf], { trusted: [root] });
      expect.unreachable();
    } catch (e) {
      expect((e as CertificateValidationError).reason).toBe('ca');
    }
  });

  it('matches subject name patterns, exact and by prefix', () => {
    const subject = parseName('CN=alice, OU=People, O=Example');
    expect(new X509NamePattern('Subject:CN=alice, OU=People, O=Example').matches(subject)).toBe(true);
    expect(new X509NamePattern('cn=ALICE,ou=people,o=example').matches(subject)).toBe(true);
    expect(new X509NamePattern('CN=alice,*').matches(subject)).toBe(true);
    expect(new X509NamePattern('CN=alice').matches(subject)).toBe(false);
    expect(new X509NamePattern('CN=bob,*').matches(subject)).toBe(false);
    expect(() => new X509NamePattern('nonsense')).toThrow(RangeError);
    expect(() => parseName('XYZ=1')).toThrow(RangeError);
  });

  it('random, mutated and truncated DER and PEM never throw anything but typed errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        onlyTyped(() => certs.importCertificate(Uint8Array.of(0x30, ...b)));
      }),
      { numRuns: 300 },
    );
    const der = leaf.der;
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const m = der.slice();
        m[at] = (m[at] as number) ^ x;
        onlyTyped(() => {
          const c = certs.importCertificate(m) as SSHX509Certificate;
          try {
            validateX509Chain([c], { trusted: [root] });
          } catch (e) {
            if (!(e instanceof CertificateValidationError)) throw e;
          }
        });
      }),
      { numRuns: 300 },
    );
    for (let n = 1; n < der.length; n += 13) {
      expect(() => certs.importCertificate(der.subarray(0, n))).toThrow(CertificateImportError);
    }
    const pem = new TextDecoder().decode(leaf.exportCertificate('pem'));
    expect(() => certs.importCertificate(pem.replace(/-----END CERTIFICATE-----/, ''))).toThrow(
      CertificateImportError,
    );
    expect(() => certs.importCertificate(pem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!'))).toThrow(
      CertificateImportError,
    );
    expect(() => certs.decodeSSHCertificate(new Uint8Array(0))).toThrow(CertificateImportError);
  });
});
