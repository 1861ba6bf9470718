/**
 * Bad OpenSSH certificates get typed errors: random and mutated blobs,
 * truncation, corrupted armor, a bad CA signature, malformed critical
 * options; validation refusals name their reason. Also the small parsers
 * (validity times, CIDR lists) and the export forms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CertificateImportError,
  CertificateValidationError,
  KeyExportError,
  KeyImportError,
} from '../errors.js';
import { toBase64 } from '../formats/base64.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { makeCertApi } from './cert-api.js';
import { addressInCidrList, parseCidrList, parseIpAddress } from './cidr.js';
import { appendSignature, decodeOpenSSHCertBlob, encodeOpenSSHCertBody } from './openssh-cert-codec.js';
import { SSHOpenSSHCertificate } from './openssh-certificate.js';
import { FOREVER, parseTimeValue } from './time-value.js';

const keys = makeKeyApi(portableBackend);
const certs = makeCertApi(portableBackend);
const ca = keys.generatePrivateKey('ssh-ed25519');
const user = keys.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'user key' });
const cert = certs.generateUserCertificate(ca, user, 'fuzz', {
  principals: ['alice'],
  validAfter: 1_000_000,
  validBefore: 2_000_000,
  forceCommand: 'true',
  sourceAddress: '10.0.0.0/8',
});
const blob = cert.publicData;

function onlyTyped(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof KeyImportError)) throw e;
  }
}

describe('OpenSSH certificate bad input', () => {
  it('random bytes never throw anything but CertificateImportError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        onlyTyped(() => certs.decodeSSHCertificate(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('mutated and truncated certificates are refused with CertificateImportError', () => {
    fc.assert(
      fc.property(fc.nat(blob.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const m = blob.slice();
        m[at] = (m[at] as number) ^ x;
        expect(() => certs.decodeSSHCertificate(m)).toThrow(CertificateImportError);
      }),
      { numRuns: 300 },
    );
    for (let n = 0; n < blob.length; n += 7) {
      expect(() => certs.decodeSSHCertificate(blob.subarray(0, n))).toThrow(CertificateImportError);
    }
    const longer = new Uint8Array(blob.length + 1);
    longer.set(blob);
    expect(() => certs.decodeSSHCertificate(longer)).toThrow(CertificateImportError);
  });

  it('mutated text forms never throw anything but typed errors', () => {
    const line = new TextDecoder().decode(cert.exportCertificate('openssh'));
    const armor = new TextDecoder().decode(cert.exportCertificate('rfc4716'));
    fc.assert(
      fc.property(fc.constantFrom(line, armor), fc.nat(), fc.string({ maxLength: 3 }), (text, at, s) => {
        const i = at % text.length;
        onlyTyped(() => certs.importCertificateList(text.slice(0, i) + s + text.slice(i + 1)));
      }),
      { numRuns: 300 },
    );
    expect(() => certs.importCertificate('')).toThrow(CertificateImportError);
    expect(() => certs.importCertificate('ssh-ed25519-cert-v01@openssh.com AAAA!!')).toThrow(
      CertificateImportError,
    );
    expect(() => certs.importCertificate('---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n')).toThrow(
      CertificateImportError,
    );
    expect(() => certs.importCertificate(`${line.split(' ')[0]} ${toBase64(user.publicData)}`)).toThrow(
      CertificateImportError,
    );
  });

  it('a certificate re-signed by a different key than it names is refused', () => {
    const parts = decodeOpenSSHCertBlob(blob, portableBackend);
    const other = keys.generatePrivateKey('ssh-ed25519');
    const forged = appendSignature(parts.signedData, other.sign(parts.signedData));
    expect(() => certs.decodeSSHCertificate(forged)).toThrow(/signature/);
  });

  it('a malformed known critical option is refused at import', () => {
    const parts = decodeOpenSSHCertBlob(blob, portableBackend);
    const body = encodeOpenSSHCertBody({
      ...parts,
      keyBlob: user.publicData,
      criticalOptions: [
        { name: 'source-address', data: Uint8Array.of(0, 0, 0, 5, 0x78, 0x2c, 0x2c, 0x79, 0x2f) },
      ],
    });
    expect(() => certs.decodeSSHCertificate(appendSignature(body, ca.sign(body)))).toThrow(
      CertificateImportError,
    );
  });

  it('validation refusals carry their reason', () => {
    const reason = (o: Parameters<SSHOpenSSHCertificate['validate']>[0]) => {
      try {
        cert.validate(o);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(CertificateValidationError);
        return (e as CertificateValidationError).reason;
      }
    };
    const ok = { type: 'user', principal: 'alice', now: 1_500_000, sourceAddress: '10.1.1.1' } as const;
    expect(reason(ok)).toBe('ok');
    expect(reason({ ...ok, now: 2_000_000 })).toBe('expired');
    expect(reason({ ...ok, now: 999_999 })).toBe('not-yet-valid');
    expect(reason({ ...ok, principal: 'mallory' })).toBe('principal');
    expect(reason({ ...ok, principal: undefined })).toBe('principal');
    expect(reason({ ...ok, sourceAddress: undefined })).toBe('source-address');
    expect(reason({ ...ok, sourceAddress: '::ffff:10.2.3.4' })).toBe('ok');
    expect(reason({ ...ok, caSignatureAlgorithms: ['rsa-sha2-512'] })).toBe('signature');
    expect(reason({ ...ok, trustedCAs: [ca] })).toBe('ok');
    expect(reason({ ...ok, trustedCAs: [user] })).toBe('ca');
    const host = certs.generateHostCertificate(ca, user, 'h');
    expect(() => host.validate({ type: 'host', principal: 'anything' })).not.toThrow();
    const anyUser = certs.generateUserCertificate(ca, user, 'u');
    expect(() => anyUser.validate({ type: 'user', principal: 'x', requirePrincipals: true })).toThrow(
      /no principals/,
    );
  });

  it('exports openssh and rfc4716 forms that import back; der/pem are refused for OpenSSH certificates', () => {
    for (const f of ['openssh', 'rfc4716']) {
      const back = certs.importCertificate(cert.exportCertificate(f));
      expect(back).toBeInstanceOf(SSHOpenSSHCertificate);
      expect(back.publicData).toEqual(blob);
      expect(back.getComment()).toBe('user key');
    }
    expect(() => cert.exportCertificate('der')).toThrow(KeyExportError);
    expect(
      certs.importCertificateList(`# c\n${new TextDecoder().decode(cert.exportCertificate())}\n`),
    ).toHaveLength(1);
  });

  it('generation refuses bad parameters with typed errors', () => {
    expect(() => certs.generateUserCertificate(user.convertToPublic(), user, 'x')).toThrow(/private CA key/);
    expect(() => certs.generateUserCertificate(ca, user, 'x', { sigAlg: 'rsa-sha2-256' })).toThrow(
      /cannot sign/,
    );
    expect(() => certs.generateUserCertificate(ca, user, 'x', { version: 2 })).toThrow(/version/);
    expect(() => certs.generateUserCertificate(ca, user, 'x', { validAfter: 'soon' })).toThrow(RangeError);
    expect(() => certs.generateUserCertificate(ca, user, 'x', { validAfter: 10, validBefore: 5 })).toThrow(
      RangeError,
    );
    expect(() => certs.generateUserCertificate(ca, user, 'x', { sourceAddress: '10.0.0.0/33' })).toThrow(
      RangeError,
    );
  });
});

describe('validity times and CIDR lists', () => {
  it('parses every AsyncSSH time form', () => {
    expect(parseTimeValue(5)).toBe(5n);
    expect(parseTimeValue(new Date(10_500))).toBe(10n);
    expect(parseTimeValue('20240101Z')).toBe(BigInt(Date.UTC(2024, 0, 1) / 1000));
    expect(parseTimeValue('20240101123456Z')).toBe(BigInt(Date.UTC(2024, 0, 1, 12, 34, 56) / 1000));
    expect(parseTimeValue('now', 1000)).toBe(1000n);
    expect(parseTimeValue('-1d', 100_000)).toBe(13_600n);
    expect(parseTimeValue('+1w', 0)).toBe(604_800n);
    expect(parseTimeValue(FOREVER)).toBe(FOREVER);
    for (const bad of ['20241301', 'tomorrow', '', '-1d']) {
      expect(() => parseTimeValue(bad, 0)).toThrow(RangeError);
    }
  });

  it('parses and matches IPv4 and IPv6 networks', () => {
    const list = parseCidrList('192.0.2.0/24,2001:db8::/32,::1,198.51.100.7');
    expect(addressInCidrList(list, '192.0.2.200')).toBe(true);
    expect(addressInCidrList(list, '192.0.3.1')).toBe(false);
    expect(addressInCidrList(list, '2001:db8:ffff::1')).toBe(true);
    expect(addressInCidrList(list, '2001:db9::1')).toBe(false);
    expect(addressInCidrList(list, '::1')).toBe(true);
    expect(addressInCidrList(list, '198.51.100.7')).toBe(true);
    expect(addressInCidrList(list, 'not an address')).toBe(false);
    expect(parseIpAddress('::ffff:1.2.3.4')).toEqual(
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4),
    );
    for (const bad of ['1.2.3', '1.2.3.4/40', '1:2:3:4:5:6:7:8:9', ':::', '1.2.3.256', 'a::b::c']) {
      expect(() => parseCidrList(bad)).toThrow(RangeError);
    }
  });
});
