import { generatePrivateKey } from '@ssh/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KnownHostsError } from '../errors.js';
import { importKnownHosts } from './known-hosts.js';

const key = generatePrivateKey('ssh-ed25519');
const pub = new TextDecoder().decode(key.convertToPublic().exportPublicKey()).trim();

describe('known_hosts bad input', () => {
  it.each([
    [`@bogus host ${pub}`, /unknown marker '@bogus'/],
    ['@revoked', /marker with no host/],
    ['hostonly', /no key/],
    [`|1|abc ${pub}`, /malformed hashed host/],
    [`|2|AAAA|AAAA ${pub}`, /unknown host hash type/],
    [`|1|!!!|AAAA ${pub}`, /invalid base64/],
    [`|1|AAAA|AAAA ${pub}`, /20-byte HMAC-SHA1/],
    [`, ${pub}`, /empty host pattern list/],
  ])('%s is a KnownHostsError', (line, message) => {
    let err: unknown;
    try {
      importKnownHosts(`# first\n${line}`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KnownHostsError);
    expect((err as KnownHostsError).lineNumber).toBe(2);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).name).toBe('KnownHostsError');
  });

  it('skips lines whose key cannot be used, with the reason', () => {
    const [type, b64] = pub.split(' ') as [string, string];
    const kh = importKnownHosts(
      [
        `a ssh-unknown ${b64}`,
        `b ${type} not-base64!`,
        `c ${type} ${b64.slice(0, 30)}`,
        `d ${type} AAAA`,
        `e ssh-rsa ${b64}`,
        `f ${pub}`,
      ].join('\n'),
    );
    expect(kh.entries.map((e) => e.lineNumber)).toEqual([6]);
    expect(kh.skipped.map((s) => s.lineNumber)).toEqual([1, 2, 3, 4, 5]);
    for (const s of kh.skipped) expect(s.reason).toMatch(/cannot import/);
  });

  it('random lines give entries, skips or KnownHostsError only', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '@cert-authority',
        '@revoked',
        '@',
        '|1|',
        '|',
        '[h]:22',
        '!',
        '*',
        '?',
        ',',
        ' ',
        '\t',
      ),
      fc.constantFrom(pub, 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5', '#', '\n', '\r\n'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        try {
          const kh = importKnownHosts(parts.join(''));
          kh.match('h', '1.2.3.4', 2222);
        } catch (e) {
          expect(e).toBeInstanceOf(KnownHostsError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
