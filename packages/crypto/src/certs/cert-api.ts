import { CertificateImportError } from '../errors.js';
import { fromBase64 } from '../formats/base64.js';
import type { SSHKey } from '../keys/ssh-key.js';
import type { KeyBackend } from '../keys/types.js';
import { decodePemAll, decodeRfc4716All, isRfc4716 } from './armor.js';
import { isOpenSSHCertType } from './cert-algorithms.js';
import {
  type CertificateOptions,
  generateHostCertificateWith,
  generateUserCertificateWith,
  type UserCertificateOptions,
} from './generate-openssh.js';
import {
  generateX509CaCertificateWith,
  generateX509CertificateWith,
  generateX509HostCertificateWith,
  generateX509UserCertificateWith,
  type X509CertificateOptions,
} from './generate-x509.js';
import { openSSHCertificateFromBlob } from './openssh-cert-load.js';
import type { SSHOpenSSHCertificate } from './openssh-certificate.js';
import type { SSHCertificate } from './ssh-certificate.js';
import type { SSHX509Certificate } from './x509-certificate.js';
import { x509FromDer, x509FromSSHBlob } from './x509-load.js';

/** Certificate functions bound to one key backend (node:crypto or portable). */
export interface CertApi {
  /** Parse one certificate: OpenSSH line, RFC 4716, X.509 PEM or DER (AsyncSSH import_certificate). */
  importCertificate(data: Uint8Array | string): SSHCertificate;
  /** Parse every certificate in the data (one per line / armor block / PEM block). */
  importCertificateList(data: Uint8Array | string): SSHCertificate[];
  /** Decode a certificate as sent on the wire: an OpenSSH v01 blob or an RFC 6187 x509v3-* blob. */
  decodeSSHCertificate(blob: Uint8Array): SSHCertificate;
  /** Sign an OpenSSH user certificate for `userKey` with `caKey` (AsyncSSH generate_user_certificate). */
  generateUserCertificate(
    caKey: SSHKey,
    userKey: SSHKey,
    keyId: string,
    options?: UserCertificateOptions,
  ): SSHOpenSSHCertificate;
  /** Sign an OpenSSH host certificate for `hostKey` with `caKey` (AsyncSSH generate_host_certificate). */
  generateHostCertificate(
    caKey: SSHKey,
    hostKey: SSHKey,
    keyId: string,
    options?: CertificateOptions,
  ): SSHOpenSSHCertificate;
  /** Create an X.509 certificate for `subjectKey` signed by `signingKey` (self-signed without `issuer`). */
  generateX509Certificate(
    signingKey: SSHKey,
    subjectKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate;
  /** An X.509 user certificate; purposes default 'secureShellClient' (AsyncSSH generate_x509_user_certificate). */
  generateX509UserCertificate(
    signingKey: SSHKey,
    userKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate;
  /** An X.509 host certificate; purposes default 'secureShellServer' (AsyncSSH generate_x509_host_certificate). */
  generateX509HostCertificate(
    signingKey: SSHKey,
    hostKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate;
  /** An X.509 CA certificate, with an optional caPathLen (AsyncSSH generate_x509_ca_certificate). */
  generateX509CaCertificate(
    signingKey: SSHKey,
    caKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const RFC4716_BLOCK = /---- BEGIN SSH2 PUBLIC KEY ----[\s\S]*?---- END SSH2 PUBLIC KEY ----/g;

const latin1 = (d: Uint8Array) => {
  let s = '';
  for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
  return s;
};

function wireName(blob: Uint8Array): string {
  if (blob.length < 4) return '';
  const n =
    ((blob[0] as number) << 24) |
    ((blob[1] as number) << 16) |
    ((blob[2] as number) << 8) |
    (blob[3] as number);
  return n > 0 && n <= 64 && 4 + n <= blob.length ? latin1(blob.subarray(4, 4 + n)) : '';
}

/** Build the certificate functions over `backend`. */
export function makeCertApi(backend: KeyBackend): CertApi {
  /** A certificate as sent on the wire: an OpenSSH v01 blob or an RFC 6187 x509v3 blob. */
  const fromWire = (blob: Uint8Array, comment: Uint8Array | null): SSHCertificate => {
    const name = wireName(blob);
    if (isOpenSSHCertType(name)) return openSSHCertificateFromBlob(blob, backend, comment);
    if (name.startsWith('x509v3-')) return x509FromSSHBlob(blob, backend, comment);
    throw new CertificateImportError(name ? `unknown certificate type '${name}'` : 'not a certificate blob');
  };

  /** The body of an OpenSSH line or RFC 4716 block: a wire blob, or X.509 DER (as AsyncSSH writes single certificates). */
  const fromBlob = (blob: Uint8Array, comment: Uint8Array | null): SSHCertificate =>
    blob[0] === 0x30 ? x509FromDer(blob, backend, comment) : fromWire(blob, comment);

  const armored = <T>(decode: () => T): T => {
    try {
      return decode();
    } catch (e) {
      if (e instanceof CertificateImportError) throw e;
      throw new CertificateImportError(`invalid certificate armor: ${e instanceof Error ? e.message : e}`, {
        cause: e,
      });
    }
  };

  const parseLine = (line: string): SSHCertificate => {
    const m = /^(\S+)\s+([A-Za-z0-9+/=]+)(?:\s+(.*))?$/.exec(line);
    if (!m) throw new CertificateImportError('not a certificate line');
    let blob: Uint8Array;
    try {
      blob = fromBase64(m[2] as string);
    } catch {
      throw new CertificateImportError('certificate line has invalid base64');
    }
    const cert = fromBlob(blob, m[3] ? new TextEncoder().encode(m[3]) : null);
    if (cert.algorithm !== m[1] && !(m[1] as string).startsWith('x509v3-')) {
      throw new CertificateImportError(`certificate line says '${m[1]}' but holds a ${cert.algorithm}`);
    }
    return cert;
  };

  /** Every certificate in file order: RFC 4716 blocks, PEM CERTIFICATE blocks and OpenSSH lines, mixed. */
  const parseList = (input: Uint8Array | string): SSHCertificate[] => {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    if (bytes[0] === 0x30) return [x509FromDer(bytes, backend, null)];
    const text = new TextDecoder().decode(bytes);
    const found: { at: number; parse: () => SSHCertificate[] }[] = [];
    let rest = text;
    const mask = (at: number, length: number) => {
      rest = rest.slice(0, at) + ' '.repeat(length) + rest.slice(at + length);
    };
    for (const m of text.matchAll(RFC4716_BLOCK)) {
      mask(m.index, m[0].length);
      found.push({
        at: m.index,
        parse: () =>
          armored(() => decodeRfc4716All(m[0])).map((b) =>
            fromBlob(b.blob, b.comment === null ? null : new TextEncoder().encode(b.comment)),
          ),
      });
    }
    for (const m of text.matchAll(PEM_BLOCK)) {
      mask(m.index, m[0].length);
      // Other PEM blocks (a private key beside its X.509 certificate) are skipped.
      if (m[1] !== 'CERTIFICATE') continue;
      found.push({
        at: m.index,
        parse: () =>
          armored(() => decodePemAll(m[0], 'CERTIFICATE')).map((der) => x509FromDer(der, backend, null)),
      });
    }
    if (isRfc4716(rest))
      throw new CertificateImportError('invalid certificate armor: RFC 4716 block has no end line');
    if (rest.includes('-----BEGIN '))
      throw new CertificateImportError('invalid certificate armor: PEM block has no end line');
    let at = 0;
    for (const raw of rest.split('\n')) {
      const line = raw.trim();
      if (line !== '' && !line.startsWith('#')) found.push({ at, parse: () => [parseLine(line)] });
      at += raw.length + 1;
    }
    return found.sort((a, b) => a.at - b.at).flatMap((f) => f.parse());
  };

  return {
    importCertificate(data) {
      const list = parseList(data);
      const first = list[0];
      if (!first) throw new CertificateImportError('no certificate found');
      return first;
    },
    importCertificateList: parseList,
    decodeSSHCertificate: (blob) => fromWire(blob, null),
    generateUserCertificate: (ca, user, id, o) => generateUserCertificateWith(backend, ca, user, id, o),
    generateHostCertificate: (ca, host, id, o) => generateHostCertificateWith(backend, ca, host, id, o),
    generateX509Certificate: (k, sub, name, o) => generateX509CertificateWith(backend, k, sub, name, o),
    generateX509UserCertificate: (k, sub, name, o) =>
      generateX509UserCertificateWith(backend, k, sub, name, o),
    generateX509HostCertificate: (k, sub, name, o) =>
      generateX509HostCertificateWith(backend, k, sub, name, o),
    generateX509CaCertificate: (k, sub, name, o) => generateX509CaCertificateWith(backend, k, sub, name, o),
  };
}
