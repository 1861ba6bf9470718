import { describe, expect, it } from 'vitest';
import { ConfigParseError } from './errors.js';
import { memoryHost } from './host.js';
import type { ServerConnectionInfo } from './server-match.js';
import { resolveServerConfig } from './server-resolve.js';

const groups: Record<string, string[]> = { alice: ['alice', 'staff'], root: ['root'] };
const conn: ServerConnectionInfo = {
  user: 'alice',
  host: 'c.example.com',
  addr: '10.1.2.3',
  laddr: '10.0.0.1',
  lport: 22,
};

function resolve(text: string, connection?: ServerConnectionInfo, strict = false) {
  const env = memoryHost(
    { '/sshd_config': text, '/etc/ssh/sshd_config.d/a.conf': 'ClientAliveInterval 9\n' },
    { userGroups: (u) => groups[u], exec: (cmd) => cmd === 'true' },
  );
  return resolveServerConfig(env, { files: [{ path: '/sshd_config' }], connection, strict });
}

describe('resolveServerConfig', () => {
  it('applies global settings first-value-wins and accumulates HostKey and Port', () => {
    const c = resolve(
      'PasswordAuthentication no\nPasswordAuthentication yes\nHostKey /a\nHostKey /b\nPort 22\nPort 2222\n',
    );
    expect(c.values).toMatchObject({
      PasswordAuthentication: false,
      HostKey: ['/a', '/b'],
      Port: ['22', '2222'],
    });
  });

  it('ignores Match blocks without connection info', () => {
    expect(resolve('Match User alice\n PermitTTY no\n').values.PermitTTY).toBeUndefined();
  });

  it.each([
    ['Match User alice', true],
    ['Match User bob', false],
    ['Match Group staff', true],
    ['Match Group wheel', false],
    ['Match Host *.example.com', true],
    ['Match Address 10.0.0.0/8', true],
    ['Match Address 10.0.0.0/8,!10.1.2.3', false],
    ['Match LocalAddress 10.0.0.1', true],
    ['Match LocalPort 22', true],
    ['Match LocalPort 2222', false],
    ['Match RDomain *', false],
    ['Match User alice Address 192.0.2.0/24', false],
    ['Match !User bob', true],
    ['Match Exec true', true],
    ['Match Exec false', false],
  ])('%s matches: %s', (match, expected) => {
    const c = resolve(`PermitTTY yes\n${match}\n PermitTTY no\n`, conn);
    expect(c.values.PermitTTY).toBe(!expected);
  });

  it('lets matching blocks override global values, first block winning', () => {
    const c = resolve(
      'ClientAliveInterval 1\nMatch User alice\n ClientAliveInterval 2\nMatch all\n ClientAliveInterval 3\n',
      conn,
    );
    expect(c.values.ClientAliveInterval).toBe(2);
  });

  it('resolves relative Includes against /etc/ssh', () => {
    expect(resolve('Include sshd_config.d/*.conf\n').values.ClientAliveInterval).toBe(9);
  });

  it.each([
    ['Match User alice\n Port 2\n', /not allowed within a Match block/],
    ['Match Flavour x\n', /Unsupported Match attribute flavour/],
    ['Match User\n', /Missing Match criteria/],
    ['Match Address 10.0.0.0/40\n', /Invalid Match address/],
    ['Match LocalPort ssh\n', /Invalid LocalPort/],
    ['LoginGraceTime soon\n', /invalid time value/],
    ['Compression sometimes\n', /unsupported option/],
    ['AuthorizedKeysFile "open\n', /invalid quotes/],
  ])('rejects %j with file and line', (text, message) => {
    try {
      resolve(text, conn);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigParseError);
      expect((e as ConfigParseError).message).toMatch(message);
      expect((e as ConfigParseError).file).toBe('/sshd_config');
    }
  });

  it('rejects negated criteria and unknown keywords only under strict, as sshd does', () => {
    expect(() => resolve('Match !User bob\n PermitTTY no\n', conn, true)).toThrow(
      /Unsupported Match attribute/,
    );
    expect(resolve('Bogus 1\n').unknown.map((l) => l.name)).toEqual(['Bogus']);
    expect(() => resolve('Bogus 1\n', undefined, true)).toThrow(/Bad configuration option/);
  });
});
