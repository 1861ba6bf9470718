import { generatePrivateKey } from '@ssh/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthorizedKeysError } from '../errors.js';
import { importAuthorizedKeys } from './authorized-keys.js';
import { parseExpiryTime } from './expiry-time.js';

const K = new TextDecoder()
  .decode(generatePrivateKey('ssh-ed25519').convertToPublic().exportPublicKey())
  .trim();

describe('authorized_keys bad input', () => {
  it.each([
    ['command="unterminated', /unterminated quoted value of option 'command'/],
    ['command="a",command="b"', /more than one command/],
    ['no-pty="x"', /takes no value/],
    ['command', /needs a value/],
    ['environment="NOEQUALS"', /invalid environment assignment/],
    ['environment="1BAD=x"', /invalid environment assignment/],
    ['from="10.0.0.0/33"', /invalid address\/mask/],
    ['from="10.0.0.1/8"', /invalid address\/mask/],
    ['from=""', /empty from list/],
    ['permitopen="nohost"', /needs host:port/],
    ['permitopen="h:0"', /invalid port/],
    ['permitopen="h:99999"', /invalid port/],
    ['permitopen="::1:22"', /IPv6 address in brackets/],
    ['permitlisten="h:x"', /invalid port/],
    ['expiry-time="2024"', /invalid expiry-time/],
    ['expiry-time="20240231"', /no such date/],
    ['expiry-time="202401011261"', /no such date/],
    ['tunnel="-1"', /invalid tunnel/],
    ['tunnel="1",tunnel="2"', /more than one tunnel/],
    ['pty,,no-pty', /option name expected/],
    ['pty;x', /unexpected ';'/],
    ['command=a"b', /stray quote/],
    ['command="a"x', /unexpected 'x'/],
  ])('%s is an AuthorizedKeysError', (options, message) => {
    let err: unknown;
    try {
      importAuthorizedKeys(`# c\n\n${options} ${K}`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuthorizedKeysError);
    expect((err as AuthorizedKeysError).lineNumber).toBe(3);
    expect((err as Error).message).toMatch(message);
  });

  it('skips lines whose key cannot be used', () => {
    const [type, b64] = K.split(' ') as [string, string];
    const ak = importAuthorizedKeys(
      [
        `ssh-unknown ${b64}`,
        `no-pty ${type} %%%`,
        `${type} ${b64.slice(0, 20)}`,
        'restrict',
        'hello world',
        `sk-ssh-ed25519@openssh.com ${b64}`,
        `pty ${K}`,
      ].join('\n'),
    );
    expect(ak.entries.map((e) => e.lineNumber)).toEqual([7]);
    expect(ak.skipped.map((s) => s.lineNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('accepts the valid forms of expiry-time', () => {
    expect(parseExpiryTime('20240229Z').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseExpiryTime('202402291530Z').toISOString()).toBe('2024-02-29T15:30:00.000Z');
    expect(parseExpiryTime('20240229153059z').toISOString()).toBe('2024-02-29T15:30:59.000Z');
    expect(parseExpiryTime('20240101').getFullYear()).toBe(2024);
  });

  it('random lines give entries, skips or AuthorizedKeysError only', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'command=',
        'from=',
        'permitopen=',
        'environment=',
        'expiry-time=',
        'tunnel=',
        'principals=',
      ),
      fc.constantFrom(
        '"',
        '\\"',
        ',',
        ' ',
        '=',
        'no-pty',
        'restrict',
        'cert-authority',
        '10.0.0.0/8',
        '*',
        '!',
      ),
      fc.constantFrom(K, 'ssh-ed25519', 'AAAA', '\n', '#'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        try {
          const ak = importAuthorizedKeys(parts.join(''));
          for (const e of ak.entries) ak.validate(e.key, 'h', '10.1.1.1', ['p'], true);
        } catch (e) {
          expect(e).toBeInstanceOf(AuthorizedKeysError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
