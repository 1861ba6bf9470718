import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from './client-resolve.js';
import { ConfigParseError } from './errors.js';
import { type ConfigHost, memoryHost } from './host.js';

function resolve(files: Record<string, string>, host = 'h', extra: Partial<ConfigHost> = {}, user?: string) {
  const env = memoryHost(files, extra);
  return resolveClientConfig(env, { host, user, files: [{ path: '/cfg' }] });
}

function errorOf(fn: () => unknown): ConfigParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigParseError) return e;
    throw e;
  }
  throw new Error('expected a ConfigParseError');
}

describe('resolveClientConfig', () => {
  it('fills HostName, Port and User defaults', () => {
    const c = resolve({ '/cfg': '' }, 'Example');
    expect(c).toMatchObject({ hostname: 'example', port: 22, user: 'user', originalHost: 'Example' });
  });

  it('applies first value wins and Host blocks', () => {
    const c = resolve({ '/cfg': 'Host h\n Port 2\n User a\nHost *\n Port 3\n Compression yes\n' });
    expect(c.port).toBe(2);
    expect(c.user).toBe('a');
    expect(c.values.Compression).toBe(true);
  });

  it('resolves relative Includes against ~/.ssh for user files', () => {
    const env = memoryHost({
      '/cfg': 'Include conf.d/*.conf\n',
      '/home/user/.ssh/conf.d/b.conf': 'Port 2\n',
      '/home/user/.ssh/conf.d/a.conf': 'Port 1\n',
    });
    expect(resolveClientConfig(env, { host: 'h', files: [{ path: '/cfg' }] }).port).toBe(1);
  });

  it('resolves relative Includes against /etc/ssh for system files', () => {
    const env = memoryHost({
      '/etc/ssh/ssh_config': 'Include extra.conf\n',
      '/etc/ssh/extra.conf': 'User sys\n',
    });
    const c = resolveClientConfig(env, { host: 'h', files: [{ path: '/etc/ssh/ssh_config', system: true }] });
    expect(c.user).toBe('sys');
  });

  it('expands ~ in Include paths', () => {
    const env = memoryHost({ '/cfg': 'Include ~/extra\n', '/home/user/extra': 'Port 9\n' });
    expect(resolveClientConfig(env, { host: 'h', files: [{ path: '/cfg' }] }).port).toBe(9);
  });

  it('rejects Include recursion beyond depth 16, naming the line', () => {
    const err = errorOf(() => resolve({ '/cfg': '# loop\nInclude /cfg\n' }));
    expect(err.reason).toMatch(/Too many recursive configuration includes/);
    expect(err).toMatchObject({ file: '/cfg', line: 2 });
  });

  it('allows Include nesting up to 16 levels', () => {
    const files: Record<string, string> = { '/cfg': 'Include /f1\n' };
    for (let i = 1; i <= 16; i++) files[`/f${i}`] = i === 16 ? 'Port 16\n' : `Include /f${i + 1}\n`;
    expect(resolve(files).port).toBe(16);
    files['/f16'] = 'Include /f17\n';
    files['/f17'] = 'Port 17\n';
    expect(() => resolve(files)).toThrow(ConfigParseError);
  });

  it('throws for an explicitly named file that cannot be read', () => {
    const env = memoryHost({});
    const err = errorOf(() => resolveClientConfig(env, { host: 'h', files: [{ path: '/missing' }] }));
    expect(err).toMatchObject({ file: '/missing', line: 0 });
  });

  it('skips a missing optional (default) file', () => {
    const env = memoryHost({});
    expect(resolveClientConfig(env, { host: 'h', files: [{ path: '/missing', optional: true }] }).port).toBe(
      22,
    );
  });

  it('throws for an included file that exists but cannot be read', () => {
    const env = memoryHost({ '/cfg': 'Include /locked\n' }, { glob: (p) => [p] });
    const err = errorOf(() => resolveClientConfig(env, { host: 'h', files: [{ path: '/cfg' }] }));
    expect(err).toMatchObject({ file: '/cfg', line: 1 });
  });

  it('uses caller-supplied text without reading the file', () => {
    const env = memoryHost({});
    expect(resolveClientConfig(env, { host: 'h', files: [{ path: '/x', text: 'Port 7\n' }] }).port).toBe(7);
  });

  it('keeps unknown keywords, honours IgnoreUnknown, and rejects them under strict', () => {
    const c = resolve({ '/cfg': 'Frobnicate yes\nIgnoreUnknown Quux\nQuux 1\n' });
    expect(c.unknown.map((l) => l.name)).toEqual(['Frobnicate']);
    const env = memoryHost({ '/cfg': 'Frobnicate yes\n' });
    expect(() => resolveClientConfig(env, { host: 'h', files: [{ path: '/cfg' }], strict: true })).toThrow(
      /Bad configuration option: frobnicate/,
    );
  });

  it.each([
    ['Match bogus x\n', /Unsupported Match attribute bogus/],
    ['Match host\n', /Missing Match criteria for host/],
    ['Match all host x\n', /'all' cannot be combined/],
    ['Match\n', /no argument after keyword/],
    ['Host\n', /no argument after keyword/],
    ['Port 0\n', /Bad port/],
    ['Port 1 2\n', /extra arguments/],
    ['Compression maybe\n', /unsupported option/],
    ['ConnectTimeout soon\n', /invalid time value/],
    ['ServerAliveCountMax -1\n', /too small/],
    ['RekeyLimit 8\n', /too small/],
    ['RekeyLimit 1Q\n', /Bad number/],
    ['SetEnv NOEQ\n', /Invalid SetEnv/],
    ['User ""\n', /Missing argument/],
    ['Include\n', /missing filename/],
    ['UserKnownHostsFile /k/%Z\n', /unknown key %Z/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: OpenSSH ${ENV} syntax under test
    ['UserKnownHostsFile ${NOPE}/k\n', /has no value/],
    ['Host h\n HostName %p.x\n', /unknown key %p/],
  ])('rejects %j', (text, message) => {
    const err = errorOf(() => resolve({ '/cfg': text }));
    expect(err.message).toMatch(message);
    expect(err.file).toBe('/cfg');
  });

  it('reports bad values even inside blocks that do not match', () => {
    expect(() => resolve({ '/cfg': 'Host nomatch\n Port abc\n' })).toThrow(ConfigParseError);
  });

  it('supports Tag and Match tagged (OpenSSH 9.4+)', () => {
    const files = { '/cfg': 'Host h\n Tag prod\nMatch tagged prod\n Port 44\nMatch tagged dev\n User dev\n' };
    const c = resolve(files);
    expect(c.port).toBe(44);
    expect(c.user).toBe('user');
  });

  it('matches localnetwork against the host interfaces', () => {
    const files = { '/cfg': 'Match localnetwork 192.168.0.0/16\n Port 45\n' };
    expect(resolve(files, 'h', { localNetworks: () => ['192.168.1.10/24'] }).port).toBe(45);
    expect(resolve(files, 'h', { localNetworks: () => ['10.0.0.1/8'] }).port).toBe(22);
    expect(resolve(files, 'h').port).toBe(22);
  });

  it('runs Match exec with tokens expanded, only while earlier criteria match', () => {
    const seen: string[] = [];
    const exec = (cmd: string) => {
      seen.push(cmd);
      return cmd.endsWith('yes');
    };
    const files = {
      '/cfg': 'Match exec "check %h %r %p yes"\n Port 46\nMatch host nomatch exec "never"\n User x\n',
    };
    const c = resolve(files, 'h', { exec }, 'bob');
    expect(c.port).toBe(46);
    expect(seen).toEqual(['check h bob 22 yes']);
  });

  it('splits Match words as OpenSSH 10 does by default, or as OpenSSH 9 does', () => {
    const run = (text: string, compat?: 'openssh9' | 'openssh10') =>
      resolveClientConfig(memoryHost({ '/cfg': text }, { exec: (c) => c === 'test a = a' }), {
        host: 'h',
        files: [{ path: '/cfg' }],
        compat,
      }).port;
    expect(run("Match host 'h'\n Port 5\n")).toBe(5);
    expect(run("Match host 'h'\n Port 5\n", 'openssh9')).toBe(22);
    expect(run('Match host=h user=user\n Port 6\n')).toBe(6);
    expect(run('Match host=h user=user\n Port 6\n', 'openssh9')).toBe(6);
    expect(run('Match host==h\n Port 7\n')).toBe(22);
    expect(() => run('Match host==h\n Port 7\n', 'openssh9')).toThrow(/Missing Match criteria/);
    expect(run('Match exec "test a = a"\n Port 8\n')).toBe(8);
    expect(run('Match exec "test a = a"\n Port 8\n', 'openssh9')).toBe(8);
  });

  it('never matches Match exec without an exec runner', () => {
    expect(resolve({ '/cfg': 'Match exec true\n Port 47\n' }).port).toBe(22);
  });

  it('runs a final pass for Match final with the resolved host name', () => {
    const files = { '/cfg': 'Host a\n HostName B.example\nMatch final host b.example\n User fin\n' };
    expect(resolve(files, 'a').user).toBe('fin');
    expect(resolve(files, 'a').hostname).toBe('b.example');
  });

  it('keeps user and port overrides above config values', () => {
    const env = memoryHost({ '/cfg': 'User cfg\nPort 1\n' });
    const c = resolveClientConfig(env, { host: 'h', user: 'cli', port: 2, files: [{ path: '/cfg' }] });
    expect([c.user, c.port, c.values.User, c.values.Port]).toEqual(['cli', 2, 'cli', 2]);
  });

  it('computes %C from local host, host, port and user', () => {
    const c = resolve({ '/cfg': 'UserKnownHostsFile /k/%C\n' }, 'h', { hostName: 'vm' }, 'bob');
    // sha1("vm" + "h" + "22" + "bob")
    expect(c.values.UserKnownHostsFile).toEqual([`/k/${c.tokens.C}`]);
    expect(c.tokens.C).toMatch(/^[0-9a-f]{40}$/);
  });

  it('hashes ProxyJump into %C as OpenSSH 10 does, or not as OpenSSH 9 does', () => {
    const env = memoryHost({ '/cfg': 'ProxyJump j\n' }, { hostName: 'vm' });
    const c10 = resolveClientConfig(env, { host: 'h', user: 'bob', files: [{ path: '/cfg' }] });
    const c9 = resolveClientConfig(env, {
      host: 'h',
      user: 'bob',
      files: [{ path: '/cfg' }],
      compat: 'openssh9',
    });
    expect(c10.tokens.C).not.toBe(c9.tokens.C);
    expect(c10.tokens.j).toBe('j');
  });

  it('accumulates SendEnv with removal and first-wins SetEnv', () => {
    const c = resolve({ '/cfg': 'SendEnv A B C1\nSendEnv -C*\nSetEnv X=1\nSetEnv Y=2\n' });
    expect(c.values.SendEnv).toEqual(['A', 'B']);
    expect(c.values.SetEnv).toEqual(['X=1']);
  });
});
