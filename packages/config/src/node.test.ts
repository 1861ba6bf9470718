import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveClientConfig } from './client-resolve.js';
import {
  clientConfigFiles,
  globPaths,
  loadClientConfig,
  loadServerConfig,
  nodeConfigHost,
  serverConfigFiles,
} from './node.js';

const dir = mkdtempSync(join(tmpdir(), 'ssh-config-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('node host', () => {
  it('globs sorted paths, skipping dot files unless asked', () => {
    mkdirSync(join(dir, 'd'));
    for (const name of ['b.conf', 'a.conf', '.hidden.conf', 'c.txt']) writeFileSync(join(dir, 'd', name), '');
    expect(globPaths(`${dir}/d/*.conf`)).toEqual([`${dir}/d/a.conf`, `${dir}/d/b.conf`]);
    expect(globPaths(`${dir}/d/.*.conf`)).toEqual([`${dir}/d/.hidden.conf`]);
    expect(globPaths(`${dir}/d/a.conf`)).toEqual([`${dir}/d/a.conf`]);
    expect(globPaths(`${dir}/nope/*.conf`)).toEqual([]);
  });

  it('reads real files, follows Include and runs Match exec in a shell', () => {
    writeFileSync(join(dir, 'inc'), 'User fromfile\n');
    writeFileSync(join(dir, 'cfg'), `Include ${dir}/inc\nMatch exec "test -d ${dir}"\n  Port 2022\n`);
    const host = nodeConfigHost();
    const c = resolveClientConfig(host, { host: 'x', files: [{ path: join(dir, 'cfg') }] });
    expect([c.user, c.port]).toEqual(['fromfile', 2022]);
    expect(host.readFile(dir)).toBeUndefined();
    expect(host.readFile(join(dir, 'missing'))).toBeUndefined();
  });

  it('names ~/.ssh/config as the optional default client file and no server file', () => {
    expect(clientConfigFiles(undefined, '/home/u')).toEqual([
      { path: '/home/u/.ssh/config', optional: true },
    ]);
    expect(clientConfigFiles(null)).toEqual([]);
    expect(clientConfigFiles(['/a'])).toEqual([{ path: '/a' }]);
    expect(serverConfigFiles()).toEqual([]);
    expect(serverConfigFiles(['/s'])).toEqual([{ path: '/s' }]);
  });

  it('loads client and server configs with the default file rules', () => {
    mkdirSync(join(dir, 'home', '.ssh'), { recursive: true });
    writeFileSync(join(dir, 'home', '.ssh', 'config'), 'Host web\n  User deployer\n');
    const home = { homeDir: join(dir, 'home') };
    expect(loadClientConfig('web', { host: home }).user).toBe('deployer');
    expect(loadClientConfig('web', { host: home, config: null }).user).not.toBe('deployer');
    expect(loadClientConfig('web', { host: { homeDir: join(dir, 'nohome') } }).port).toBe(22);
    writeFileSync(join(dir, 'sshd'), 'PermitTTY yes\nMatch User alice\n  PermitTTY no\n');
    const server = loadServerConfig({ config: [join(dir, 'sshd')], connection: { user: 'alice' } });
    expect(server.values.PermitTTY).toBe(false);
    expect(loadServerConfig().values).toEqual({});
  });

  it('reports local networks and groups', () => {
    const host = nodeConfigHost();
    expect(host.localNetworks?.().some((n) => n.startsWith('127.0.0.1/'))).toBe(true);
    expect(host.userGroups?.('root')).toContain('root');
    expect(host.userGroups?.('no-such-user-xyz')).toBeUndefined();
  });
});
