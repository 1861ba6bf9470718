import { readFileSync } from 'node:fs';
import { importCertificate } from '@ssh/crypto';
import { describe, expect, it } from 'vitest';
import { importKnownHosts } from './known-hosts.js';
import { matchKnownHosts } from './match.js';

const vector = (name: string) => readFileSync(new URL(`../../test/vectors/${name}`, import.meta.url));
const trusted = importCertificate(vector('x509-host-ed25519.pem'));
const revoked = importCertificate(vector('x509-revoked-p256.pem'));
const line = (c: typeof trusted) => new TextDecoder().decode(c.exportCertificate('openssh')).trim();

describe('X.509 certificates in known_hosts', () => {
  it('reads x509v3-* lines into the trusted and revoked certificate lists', () => {
    const kh = importKnownHosts(
      `host.example ${line(trusted)}\n@revoked *.example ${line(revoked)}\nhost.example x509v3-ssh-ed25519 AAAAE3g1MDl2My1zc2gtZWQyNTUxOQ==`,
    );
    expect(kh.entries).toHaveLength(2);
    expect(kh.skipped.map((s) => s.lineNumber)).toEqual([3]);
    expect(kh.skipped[0]?.reason).toMatch(/cannot import X.509 certificate/);
    const m = kh.match('host.example', '', 22);
    expect(m.hostKeys).toEqual([]);
    expect(m.x509TrustedCerts.map((c) => c.algorithm)).toEqual([trusted.algorithm]);
    expect(m.x509RevokedCerts.map((c) => c.algorithm)).toEqual(['x509v3-ecdsa-sha2-nistp256']);
    expect(kh.match('other.example', '', 22).x509TrustedCerts).toEqual([]);
  });

  it('takes certificates in the seven explicit lists', () => {
    const m = matchKnownHosts(
      [[], [], [], [trusted], [vector('x509-revoked-p256.pem')], ['CN=a'], []],
      'h',
      '',
      22,
    );
    expect(m.x509TrustedCerts[0]).toBe(trusted);
    expect(m.x509RevokedCerts[0]?.algorithm).toBe('x509v3-ecdsa-sha2-nistp256');
    expect(() => matchKnownHosts([[], [], [], [new Uint8Array([1])], [], [], []], 'h', '', 22)).toThrow(
      /trusted X.509 certificate/,
    );
  });
});
