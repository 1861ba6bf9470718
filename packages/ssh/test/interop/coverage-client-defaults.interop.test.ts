import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  DEFAULT_KEY_FILES,
  generatePrivateKey,
  importPublicKey,
  type KnownHostsArg,
  matchKnownHosts,
  type SSHKey,
  SSHKnownHosts,
} from '../../src/index.js';

// Our client's defaults against OpenSSH sshd: the key files it looks for in ~/.ssh, and
// host keys trusted through each form of known_hosts matchKnownHosts takes.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

const same = (a: SSHKey, b: SSHKey) =>
  Buffer.compare(Buffer.from(a.publicData), Buffer.from(b.publicData)) === 0;

describe.skipIf(skip)('client defaults against OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenSshd({ hostKeyTypes: ['ed25519'] });
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-defaults-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('DEFAULT_KEY_FILES: with no clientKeys, ~/.ssh/id_ed25519 logs in; without it the login fails', async () => {
    expect(DEFAULT_KEY_FILES).toEqual(['id_ed25519', 'id_ecdsa', 'id_rsa']);
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    const options = {
      port: server.port,
      username: server.user,
      knownHosts: server.knownHostsPath,
      config: null,
      agentPath: null,
    };
    const oldHome = process.env.HOME;
    process.env.HOME = home;
    try {
      await expect(connect('127.0.0.1', options)).rejects.toThrow(
        /permission denied|no more authentication/i,
      );
      copyFileSync(server.clientKey.path, path.join(home, '.ssh', DEFAULT_KEY_FILES[0] as string));
      await using conn = await connect('127.0.0.1', options);
      expect((await conn.run('echo default key')).stdout).toBe('default key\n');
    } finally {
      process.env.HOME = oldHome;
    }
  });

  it('KnownHostsArg: known_hosts bytes, a parsed SSHKnownHosts, a callback and explicit lists all trust sshd', async () => {
    const lines = readFileSync(server.knownHostsPath);
    const hostKeys = server.hostKeys.map((k) => importPublicKey(k.publicLine));
    const stranger = generatePrivateKey('ssh-ed25519').convertToPublic();
    const parsed = new SSHKnownHosts();
    parsed.load(lines.toString());
    const forms: [string, KnownHostsArg, boolean][] = [
      ['bytes', new Uint8Array(lines), true],
      ['parsed', parsed, true],
      ['callback', (host: string) => [host === '127.0.0.1' ? hostKeys : [], [], []], true],
      ['lists', [hostKeys, [], []], true],
      ['revoked', [hostKeys, [], hostKeys], false],
      ['other key', [[stranger], [], []], false],
    ];
    const outcomes: string[] = [];
    for (const [name, arg, trusted] of forms) {
      const knownHosts = (key: SSHKey) => {
        const m = matchKnownHosts(arg, '127.0.0.1', '127.0.0.1', server.port);
        return m.hostKeys.some((k) => same(k, key)) && !m.revokedKeys.some((k) => same(k, key));
      };
      const attempt = connect('127.0.0.1', {
        port: server.port,
        username: server.user,
        clientKeys: [server.clientKey.path],
        knownHosts,
        config: null,
        agentPath: null,
      });
      if (trusted) {
        await using conn = await attempt;
        const out = (await conn.run('echo in')).stdout as string;
        outcomes.push(`${name} ${out.trim()}`);
      } else {
        await expect(attempt).rejects.toThrow(/not trusted|host key/i);
        outcomes.push(`${name} refused`);
      }
    }
    expect(outcomes).toEqual([
      'bytes in',
      'parsed in',
      'callback in',
      'lists in',
      'revoked refused',
      'other key refused',
    ]);
  });
});
