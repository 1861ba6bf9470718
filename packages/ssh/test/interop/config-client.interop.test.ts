import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';

// Client keywords applied by connect, checked by giving the same config file
// to OpenSSH's ssh and to connect, against a real sshd.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd', 'apt-get install openssh-server; pnpm peers').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-config-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('ssh_config known-hosts keywords through connect, compared with ssh', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOpenSshd({ generation: 'debian12' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Write a config, then log in with ssh and with connect; what each says. */
  async function both(name: string, lines: readonly string[]) {
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
        ...lines.map((l) => `  ${l}`),
        '',
      ].join('\n'),
    );
    const ssh = spawnSync('ssh', ['-F', cfg, 'target', 'echo in'], { encoding: 'utf8', timeout: 20_000 });
    let ours: string;
    try {
      await using conn = await connect('target', { config: cfg });
      ours = String((await conn.run('echo in')).stdout);
    } catch (e) {
      ours = (e as Error).name;
    }
    return { openssh: ssh.status === 0 ? ssh.stdout : `exit ${ssh.status}`, ours };
  }

  const keyLine = () => {
    const k = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
    return `[127.0.0.1]:${server.port} ${k}\n`;
  };

  it('UserKnownHostsFile gets %-tokens expanded, GlobalKnownHostsFile is used as written, as ssh does', async () => {
    writeFileSync(path.join(dir, `user_kh_${server.port}_target`), keyLine());
    expect(
      await both('user_tokens', [
        `UserKnownHostsFile ${dir}/user_kh_%p_%n`,
        'GlobalKnownHostsFile /dev/null',
      ]),
    ).toEqual({ openssh: 'in\n', ours: 'in\n' });
    writeFileSync(path.join(dir, `global_kh_${server.port}`), keyLine());
    const global = await both('global_tokens', [
      'UserKnownHostsFile /dev/null',
      `GlobalKnownHostsFile ${dir}/global_kh_%p`,
    ]);
    // ssh uses GlobalKnownHostsFile as written: no file is named global_kh_%p, so the key is unknown.
    expect(global).toEqual({ openssh: 'exit 255', ours: 'HostKeyNotVerifiable' });
    writeFileSync(path.join(dir, 'global_kh_%p'), keyLine());
    expect(
      await both('global_literal', [
        'UserKnownHostsFile /dev/null',
        `GlobalKnownHostsFile ${dir}/global_kh_%p`,
      ]),
    ).toEqual({ openssh: 'in\n', ours: 'in\n' });
    writeFileSync(path.join(dir, 'global_plain'), keyLine());
    expect(
      await both('global_plain', [
        'UserKnownHostsFile /dev/null',
        `GlobalKnownHostsFile ${dir}/global_plain`,
      ]),
    ).toEqual({ openssh: 'in\n', ours: 'in\n' });
    expect(
      await both('no_known', ['UserKnownHostsFile /dev/null', 'GlobalKnownHostsFile /dev/null']),
    ).toEqual({ openssh: 'exit 255', ours: 'HostKeyNotVerifiable' });
  });
});
