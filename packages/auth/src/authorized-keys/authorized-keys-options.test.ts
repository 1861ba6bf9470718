import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { describe, expect, it } from 'vitest';
import { importAuthorizedKeys } from './authorized-keys.js';
import { checkKeyPermission, getKeyOption } from './permissions.js';

const key = generatePrivateKey('ssh-ed25519', { comment: 'user@host' });
const other = generatePrivateKey('ssh-ed25519');
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();
const K = pub(key);

// The example file of sshd(8), AUTHORIZED_KEYS FILE FORMAT (OpenSSH 9.2), with
// `ssh-rsa ...` and the FIDO keys replaced by a generated Ed25519 key.
const MAN_EXAMPLE = `# Comments are allowed at start of line. Blank lines are allowed.
# Plain key, no restrictions
${K}
# Forced command, disable PTY and all forwarding
restrict,command="dump /home" ${K}
# Restriction of ssh -L forwarding destinations
permitopen="192.0.2.1:80",permitopen="192.0.2.2:25" ${K}
# Restriction of ssh -R forwarding listeners
permitlisten="localhost:8080",permitlisten="[::1]:22000" ${K}
# Configuration for tunnel forwarding
tunnel="0",command="sh /etc/netstart tun0" ${K}
# Override of restriction to allow PTY allocation
restrict,pty,command="nethack" ${K}
# Allow FIDO key without requiring touch
no-touch-required ${K}
# Require user-verification (e.g. PIN or biometric) for FIDO key
verify-required ${K}
# Trust CA key, allow touch-less FIDO if requested in certificate
cert-authority,no-touch-required,principals="user_a" ${K}
`;

describe('authorized_keys options: the sshd(8) examples', () => {
  const ak = importAuthorizedKeys(MAN_EXAMPLE);
  const opts = ak.entries.map((e) => e.options);

  it('parses every example line', () => {
    expect(ak.entries.map((e) => e.lineNumber)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(ak.skipped).toEqual([]);
    expect(ak.entries[0]?.key.getComment()).toBe('user@host');
  });

  it('reads each option as the man page describes it', () => {
    expect({ ...opts[0] }).toEqual({});
    expect({ ...opts[1] }).toEqual({ restrict: true, command: 'dump /home' });
    expect(opts[2]?.permitopen).toEqual([
      { host: '192.0.2.1', port: 80 },
      { host: '192.0.2.2', port: 25 },
    ]);
    expect(opts[3]?.permitlisten).toEqual([
      { host: 'localhost', port: 8080 },
      { host: '::1', port: 22000 },
    ]);
    expect({ ...opts[4] }).toEqual({ tunnel: 0, command: 'sh /etc/netstart tun0' });
    expect({ ...opts[5] }).toEqual({ restrict: true, pty: true, command: 'nethack' });
    expect(getKeyOption(opts[6], 'no-touch-required')).toBe(true);
    expect(getKeyOption(opts[7], 'verify-required')).toBe(true);
    expect({ ...opts[8] }).toEqual({
      'cert-authority': true,
      'no-touch-required': true,
      principals: ['user_a'],
    });
  });

  it('restrict takes away the five permissions and pty gives one back', () => {
    for (const p of ['X11-forwarding', 'agent-forwarding', 'port-forwarding', 'pty', 'user-rc']) {
      expect(checkKeyPermission(opts[0], p)).toBe(true);
      expect(checkKeyPermission(opts[1], p)).toBe(false);
      expect(checkKeyPermission(opts[5], p)).toBe(p === 'pty');
    }
    expect(checkKeyPermission(opts[1], 'custom-thing')).toBe(true);
  });

  it('validates CA entries separately from user keys', () => {
    expect(ak.validate(key, null, '192.0.2.5')).toBe(opts[0]);
    expect(ak.validate(other, null, '192.0.2.5')).toBeNull();
    expect(ak.validate(key, null, '192.0.2.5', ['user_a'], true)).toBe(opts[8]);
    expect(ak.validate(key, null, '192.0.2.5', ['user_b'], true)).toBeNull();
    expect(ak.validate(key, null, '192.0.2.5', null, true)).toBe(opts[8]);
  });
});

describe('authorized_keys options: every keyword', () => {
  it('reads flags case-insensitively, quotes with escaped quotes, environment and custom options', () => {
    const line =
      'No-Agent-Forwarding,no-port-forwarding,no-pty,no-user-rc,no-X11-forwarding,' +
      'agent-forwarding,port-forwarding,X11-forwarding,user-rc,' +
      'command="echo \\"hi there\\" \\\\n",environment="A=1",environment="B=x=y",environment="A=2",' +
      'from="10.0.0.0/8,!10.1.2.3,*.example.com",expiry-time="20991231",' +
      `x-custom="one",x-custom="two",x-flag ${K}`;
    const [entry] = importAuthorizedKeys(line).entries;
    const o = entry?.options;
    expect(getKeyOption(o, 'command')).toBe('echo "hi there" \\\\n');
    expect(getKeyOption(o, 'environment')).toEqual({ A: '1', B: 'x=y' });
    expect(getKeyOption(o, 'from')).toEqual(['10.0.0.0/8', '!10.1.2.3', '*.example.com']);
    expect(getKeyOption(o, 'x-custom')).toEqual(['one', 'two']);
    expect(getKeyOption(o, 'X-FLAG')).toBe(true);
    expect(getKeyOption(o, 'absent', 'dflt')).toBe('dflt');
    expect(getKeyOption(null, 'command', 7)).toBe(7);
    expect(checkKeyPermission(o, 'X11-forwarding')).toBe(false);
    expect(checkKeyPermission(o, 'agent-forwarding')).toBe(false);
    expect((getKeyOption(o, 'expiry-time') as Date).getFullYear()).toBe(2099);
  });

  it('applies from= to addresses (CIDR, wildcards, negation) and host names', () => {
    const ak = importAuthorizedKeys(
      `from="10.0.0.0/8,!10.1.2.3,*.example.com,2001:db8::/32,192.168.1.?" ${K}`,
    );
    const ok = (host: string | null, addr: string | null) => ak.validate(key, host, addr) !== null;
    expect(ok(null, '10.9.8.7')).toBe(true);
    expect(ok(null, '10.1.2.3')).toBe(false);
    expect(ok('a.example.com', '10.1.2.3')).toBe(false);
    expect(ok(null, '11.0.0.1')).toBe(false);
    expect(ok('a.example.com', '11.0.0.1')).toBe(true);
    expect(ok('A.EXAMPLE.com', null)).toBe(true);
    expect(ok(null, '2001:db8:1::5')).toBe(true);
    expect(ok(null, '2001:db9::5')).toBe(false);
    expect(ok(null, '192.168.1.7')).toBe(true);
    expect(ok(null, '192.168.1.17')).toBe(false);
    expect(ok(null, null)).toBe(false);
  });

  it('skips expired entries and takes the earliest expiry-time', () => {
    const ak = importAuthorizedKeys(
      `expiry-time="202001011200Z",expiry-time="20300101" ${K}\nexpiry-time="20991231235959Z" ${K}`,
    );
    const first = ak.entries[0]?.options['expiry-time'] as Date;
    expect(first.toISOString()).toBe('2020-01-01T12:00:00.000Z');
    expect(ak.validate(key, null, '1.2.3.4', null, false, new Date('2019-06-01T00:00:00Z'))).toBe(
      ak.entries[0]?.options,
    );
    expect(ak.validate(key, null, '1.2.3.4')).toBe(ak.entries[1]?.options);
    expect(ak.validate(key, null, '1.2.3.4', null, false, Date.UTC(2100, 0, 1))).toBeNull();
  });

  it('matches principals with wildcards and negation, every principals= list on its own', () => {
    const ak = importAuthorizedKeys(
      `cert-authority,principals="adm-*,root,!adm-x" ${K}\nprincipals="x",principals="y*" ${pub(other)}`,
    );
    expect(ak.validate(key, null, '1.1.1.1', ['bob', 'adm-alice'], true)).not.toBeNull();
    expect(ak.validate(key, null, '1.1.1.1', ['bob'], true)).toBeNull();
    expect(ak.validate(key, null, '1.1.1.1', ['adm-x'], true)).toBeNull();
    expect(ak.validate(key, null, '1.1.1.1', null, true)).not.toBeNull();
    expect(ak.validate(other, null, '1.1.1.1')).not.toBeNull();
    expect(ak.validate(other, null, '1.1.1.1', ['x', 'yes'])).not.toBeNull();
    expect(ak.validate(other, null, '1.1.1.1', ['x'])).toBeNull();
  });

  it('needs every from= list to admit the client', () => {
    const ak = importAuthorizedKeys(`from="10.0.0.0/8",from="!10.1.0.0/16,*" ${K}`);
    expect(ak.validate(key, null, '10.2.3.4')).not.toBeNull();
    expect(ak.validate(key, null, '10.1.3.4')).toBeNull();
    expect(ak.validate(key, null, '11.2.3.4')).toBeNull();
    expect(ak.entries[0]?.options.from).toEqual(['10.0.0.0/8', '!10.1.0.0/16', '*']);
  });
});
