import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { describe, expect, it } from 'vitest';
import { KnownHostsError } from '../errors.js';
import { hashHostName } from './hashed.js';
import { importKnownHosts, SSHKnownHosts } from './known-hosts.js';
import { matchKnownHosts } from './match.js';

const keys = Array.from({ length: 6 }, (_, i) => generatePrivateKey('ssh-ed25519', { comment: `k${i}` }));
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();
const fp = (ks: readonly SSHKey[]) => ks.map((k) => k.getFingerprint());
const [k0, k1, k2, k3, k4, k5] = keys as [SSHKey, SSHKey, SSHKey, SSHKey, SSHKey, SSHKey];

function hashed(name: string): string {
  const salt = new Uint8Array(20).map((_, i) => i * 7 + 1);
  const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
  return `|1|${b64(salt)}|${b64(hashHostName(name, salt))}`;
}

const text = [
  '# a comment',
  '',
  `plain.example.com,10.0.0.1 ${pub(k0)}`,
  `*.wild.example.com,!bad.wild.example.com ${pub(k1)}`,
  `[ported.example.com]:2222 ${pub(k2)}`,
  `@cert-authority *.example.com ${pub(k3)}`,
  `@revoked plain.example.com ${pub(k4)}`,
  `${hashed('secret.example.com')} ${pub(k5)}`,
  `${hashed('[secret.example.com]:2200')} ${pub(k0)}`,
  `host?.example.org ${pub(k1)}`,
  '   ',
].join('\r\n');

describe('known_hosts matching', () => {
  const kh = importKnownHosts(text);

  it('parses every entry and skips comments and blank lines', () => {
    expect(kh.entries).toHaveLength(8);
    expect(kh.skipped).toHaveLength(0);
  });

  it('matches plain names, addresses, CA and revoked entries', () => {
    const m = kh.match('plain.example.com', '192.0.2.1', 22);
    expect(fp(m.hostKeys)).toEqual(fp([k0]));
    expect(fp(m.caKeys)).toEqual(fp([k3]));
    expect(fp(m.revokedKeys)).toEqual(fp([k4]));
    expect(m.x509TrustedCerts).toEqual([]);
    expect(fp(kh.match('other', '10.0.0.1', null).hostKeys)).toEqual(fp([k0]));
  });

  it('is case-insensitive for host names', () => {
    expect(fp(kh.match('PLAIN.Example.COM', '', 22).hostKeys)).toEqual(fp([k0]));
  });

  it('honours wildcards and negation', () => {
    expect(fp(kh.match('a.wild.example.com', '', 22).hostKeys)).toEqual(fp([k1]));
    expect(kh.match('bad.wild.example.com', '', 22).hostKeys).toEqual([]);
    expect(fp(kh.match('host1.example.org', '', 22).hostKeys)).toEqual(fp([k1]));
    expect(kh.match('host12.example.org', '', 22).hostKeys).toEqual([]);
  });

  it('matches [host]:port and falls back to the bare name', () => {
    expect(fp(kh.match('ported.example.com', '', 2222).hostKeys)).toEqual(fp([k2]));
    expect(kh.match('ported.example.com', '', 22).hostKeys).toEqual([]);
    expect(fp(kh.match('plain.example.com', '', 2222).hostKeys)).toEqual(fp([k0]));
    expect(kh.matchEntries('plain.example.com', '', 2222)).toEqual([]);
  });

  it('matches hashed entries, with and without a port', () => {
    expect(fp(kh.match('secret.example.com', '', 22).hostKeys)).toEqual(fp([k5]));
    expect(fp(kh.match('secret.example.com', '', 2200).hostKeys)).toEqual(fp([k0]));
    expect(fp(kh.match('secret.example.com', '', 2300).hostKeys)).toEqual(fp([k5]));
    expect(kh.match('public.example.net', '', 22).hostKeys).toEqual([]);
  });

  it('loads several texts into one list', () => {
    const many = new SSHKnownHosts(`a ${pub(k0)}`).load(`a ${pub(k1)}\nb ${pub(k2)}`);
    expect(fp(many.match('a', '', 22).hostKeys)).toEqual(fp([k0, k1]));
    expect(many.entries.map((e) => e.lineNumber)).toEqual([1, 1, 2]);
  });
});

describe('matchKnownHosts argument forms', () => {
  it('accepts bytes, SSHKnownHosts, callbacks and lists', () => {
    const data = new TextEncoder().encode(`h ${pub(k0)}`);
    expect(fp(matchKnownHosts(data, 'h', '', 22).hostKeys)).toEqual(fp([k0]));
    expect(fp(matchKnownHosts(importKnownHosts(data), 'h', '', null).hostKeys)).toEqual(fp([k0]));
    const seen: unknown[] = [];
    const cb = (host: string, addr: string, port: number | null) => {
      seen.push([host, addr, port]);
      return [[k1], [k2], []] as const;
    };
    const m = matchKnownHosts(cb, 'x', '1.2.3.4', 2022);
    expect(seen).toEqual([['x', '1.2.3.4', 2022]]);
    expect(fp(m.hostKeys)).toEqual(fp([k1]));
    expect(fp(m.caKeys)).toEqual(fp([k2]));
    const seven = matchKnownHosts(
      [[new TextEncoder().encode(pub(k3))], [], [k4], [], [], ['CN=x'], []],
      'ignored',
      '',
      22,
    );
    expect(fp(seven.hostKeys)).toEqual(fp([k3]));
    expect(fp(seven.revokedKeys)).toEqual(fp([k4]));
    expect(seven.x509TrustedSubjects).toEqual(['CN=x']);
  });

  it('rejects file names in the neutral entry and wrong list shapes', () => {
    expect(() => matchKnownHosts('/etc/ssh/ssh_known_hosts' as never, 'h', '', 22)).toThrow(KnownHostsError);
    expect(() => matchKnownHosts([[], []] as never, 'h', '', 22)).toThrow(/3 or 7/);
    expect(() => matchKnownHosts([[new Uint8Array([1, 2])], [], []], 'h', '', 22)).toThrow(KnownHostsError);
  });
});
