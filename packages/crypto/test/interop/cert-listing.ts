/**
 * Test helper: the fields `ssh-keygen -L` prints for an OpenSSH certificate,
 * parsed from its output, and the same fields rendered from our
 * SSHOpenSSHCertificate, so the two can be compared as objects.
 */

import type { CertOption } from '../../src/certs/cert-options.js';
import type { SSHOpenSSHCertificate } from '../../src/certs/openssh-certificate.js';
import { FOREVER } from '../../src/certs/time-value.js';

/** What ssh-keygen -L shows. */
export interface CertListing {
  type: string;
  role: string;
  keyFingerprint: string;
  caFingerprint: string;
  caSigAlg: string;
  keyId: string;
  serial: string;
  valid: string;
  principals: string[];
  critical: string[];
  extensions: string[];
}

/** Parse the output of `ssh-keygen -L -f file` (run with TZ=UTC). */
export function parseListing(out: string): CertListing {
  const lines = out.split('\n');
  const field = (name: string) => {
    const l = lines.find((x) => x.trimStart().startsWith(`${name}:`));
    if (l === undefined) throw new Error(`no ${name} in ssh-keygen -L output:\n${out}`);
    return l.slice(l.indexOf(':') + 1).trim();
  };
  const list = (name: string) => {
    const at = lines.findIndex((x) => x.trimStart().startsWith(`${name}:`));
    if (field(name) === '(none)') return [];
    const items: string[] = [];
    for (let i = at + 1; i < lines.length && /^\s{16}/.test(lines[i] as string); i++) {
      items.push((lines[i] as string).trim());
    }
    return items;
  };
  const [type = '', role = ''] = field('Type').split(' ');
  const key = field('Public key').split(' ');
  const ca = /^\S+ (\S+) \(using (\S+)\)$/.exec(field('Signing CA'));
  return {
    type,
    role,
    keyFingerprint: key[1] ?? '',
    caFingerprint: ca?.[1] ?? '',
    caSigAlg: ca?.[2] ?? '',
    keyId: JSON.parse(field('Key ID')) as string,
    serial: field('Serial'),
    valid: field('Valid'),
    principals: list('Principals'),
    critical: list('Critical Options'),
    extensions: list('Extensions'),
  };
}

function isoUtc(t: bigint): string {
  return new Date(Number(t) * 1000).toISOString().slice(0, 19);
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function showOption(o: CertOption, known: readonly string[]): string {
  if (o.data.length === 0) return o.name;
  if (known.includes(o.name)) {
    const v = new TextDecoder().decode(o.data.subarray(4));
    return `${o.name} ${v}`;
  }
  return `${o.name} UNKNOWN OPTION: ${hex(o.data)} (len ${o.data.length})`;
}

/** Our certificate's fields as ssh-keygen -L would show them. */
export function ourListing(cert: SSHOpenSSHCertificate): CertListing {
  const { validAfter: a, validBefore: b } = cert;
  const valid =
    a === 0n && b === FOREVER
      ? 'forever'
      : a === 0n
        ? `before ${isoUtc(b)}`
        : b === FOREVER
          ? `after ${isoUtc(a)}`
          : `from ${isoUtc(a)} to ${isoUtc(b)}`;
  return {
    type: cert.algorithm,
    role: cert.certType,
    keyFingerprint: cert.key.getFingerprint(),
    caFingerprint: cert.signingKey.getFingerprint(),
    caSigAlg: cert.signatureAlgorithm,
    keyId: cert.keyId,
    serial: String(cert.serial),
    valid,
    principals: [...cert.principals],
    critical: cert.criticalOptions.map((o) => showOption(o, ['force-command', 'source-address'])),
    extensions: cert.extensions.map((o) => showOption(o, [])),
  };
}
