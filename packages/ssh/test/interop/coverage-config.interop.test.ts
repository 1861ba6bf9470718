import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import {
  freePort,
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  sshKeygen,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen } from '../../src/index.js';

// Config tokens and Match criteria not covered elsewhere: the local-side client tokens
// %i %L %l (same config given to OpenSSH's ssh and to connect, against sshd), and an
// sshd_config `Match LocalAddress` / `Match LocalPort` read by listen (OpenSSH ssh logs in).

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('client tokens %i %L %l, ssh and connect with one config', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOpenSshd();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function both(name: string, knownHostsFile: string) {
    const cfg = path.join(dir, `${name}.conf`);
    writeFileSync(
      cfg,
      [
        'Host target',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKey.path}`,
        '  IdentitiesOnly yes',
        '  BatchMode yes',
        '  StrictHostKeyChecking yes',
        '  GlobalKnownHostsFile /dev/null',
        `  UserKnownHostsFile ${knownHostsFile}`,
        '',
      ].join('\n'),
    );
    const ssh = spawnSync('ssh', ['-F', cfg, 'target', 'echo in'], { encoding: 'utf8', timeout: 20_000 });
    let ours: string;
    try {
      await using conn = await connect('target', { config: cfg, agentPath: null });
      ours = String((await conn.run('echo in')).stdout);
    } catch (e) {
      ours = (e as Error).name;
    }
    return { openssh: ssh.status === 0 ? ssh.stdout : `exit ${ssh.status}`, ours };
  }

  it('UserKnownHostsFile with %i (uid), %L (short host name) and %l (host name)', async () => {
    const line = `[127.0.0.1]:${server.port} ${server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ')}\n`;
    const full = hostname();
    const short = full.split('.')[0] as string;
    writeFileSync(path.join(dir, `kh_${userInfo().uid}_${short}_${full}`), line);
    expect(await both('local_tokens', `${dir}/kh_%i_%L_%l`)).toEqual({ openssh: 'in\n', ours: 'in\n' });
    // A file named with other values is not the one the tokens name.
    expect(await both('wrong_tokens', `${dir}/kh_%i_%L_%l.absent`)).toEqual({
      openssh: 'exit 255',
      ours: 'HostKeyNotVerifiable',
    });
  });
});

describe.skipIf(skip)('sshd_config Match LocalAddress and LocalPort read by listen, with OpenSSH ssh', () => {
  it('the block applies only to connections that arrive on the named local address and port', async () => {
    const hostKey = sshKeygen('ed25519', path.join(dir, 'host_key'));
    const user = generatePrivateKey('ssh-ed25519');
    writeFileSync(path.join(dir, 'ak_match'), `${dec(user.exportPublicKey('openssh')).trim()}\n`);
    const tryWith = async (criteria: string) => {
      const port = await freePort();
      const cfg = path.join(dir, 'sshd_match.conf');
      // sshd_config keywords are case-insensitive; these are written as sshd prints them with -T.
      const [keyword, value] =
        criteria === 'port' ? ['localport', String(port)] : ['localaddress', '127.0.0.1'];
      const [otherKeyword, otherValue] =
        criteria === 'port' ? ['localport', String(port + 1)] : ['localaddress', '192.0.2.1'];
      writeFileSync(
        cfg,
        [
          `HostKey ${hostKey.path}`,
          'AuthorizedKeysFile /dev/null',
          `Match ${otherKeyword} ${otherValue}`,
          '  AuthorizedKeysFile /dev/null',
          `Match ${keyword} ${value}`,
          `  AuthorizedKeysFile ${dir}/ak_match`,
          '',
        ].join('\n'),
      );
      await using _acceptor = await listen({
        host: '127.0.0.1',
        port,
        config: cfg,
        processFactory: (p) => {
          p.stdout.write('in\n');
          p.exit(0);
        },
      });
      const r = await runOpenSshClient({
        port,
        knownHosts: `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
        identity: dec(user.exportPrivateKey('openssh')),
        command: 'x',
      });
      return r.code === 0 ? r.stdout : `refused ${r.code}`;
    };
    expect(await tryWith('port')).toBe('in\n');
    expect(await tryWith('address')).toBe('in\n');
  });

  it('a Match that names another local port or address leaves the login without keys', async () => {
    const hostKey = sshKeygen('ed25519', path.join(dir, 'host_key2'));
    const user = generatePrivateKey('ssh-ed25519');
    writeFileSync(path.join(dir, 'ak_other'), `${dec(user.exportPublicKey('openssh')).trim()}\n`);
    const outcomes: string[] = [];
    for (const [keyword, value] of [
      ['localport', '1'],
      ['localaddress', '192.0.2.1'],
    ] as const) {
      const port = await freePort();
      const cfg = path.join(dir, `sshd_other_${keyword}.conf`);
      writeFileSync(
        cfg,
        [
          `HostKey ${hostKey.path}`,
          'AuthorizedKeysFile /dev/null',
          `Match ${keyword} ${value}`,
          `  AuthorizedKeysFile ${dir}/ak_other`,
          '',
        ].join('\n'),
      );
      await using acceptor = await listen({
        host: '127.0.0.1',
        port,
        config: cfg,
        processFactory: (p) => {
          p.stdout.write('in\n');
          p.exit(0);
        },
      });
      const r = await runOpenSshClient({
        port,
        knownHosts: `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
        identity: dec(user.exportPrivateKey('openssh')),
        command: 'x',
      });
      outcomes.push(r.code === 0 ? `${keyword} in` : `${keyword} refused`);
      expect(acceptor.getPort()).toBe(port);
    }
    expect(outcomes).toEqual(['localport refused', 'localaddress refused']);
  });
});
