import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';

// A negated Match criterion (`Match !exec ...`, `Match !originalhost ...`) in one client config,
// given to OpenSSH's ssh and to connect against sshd: both must pick the same port.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('negated Match criteria, ssh and connect with one config', () => {
  let server: RunningServer;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-negated-'));
    server = await startOpenSshd();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function both(criterion: string) {
    n += 1;
    const cfg = path.join(dir, `config-${n}`);
    writeFileSync(
      cfg,
      [
        `Match ${criterion}`,
        `  Port ${server.port}`,
        'Match all',
        '  Port 1',
        'Host *',
        '  HostName 127.0.0.1',
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKey.path}`,
        '  IdentitiesOnly yes',
        '  BatchMode yes',
        '  StrictHostKeyChecking yes',
        '  GlobalKnownHostsFile /dev/null',
        `  UserKnownHostsFile ${server.knownHostsPath}`,
        '',
      ].join('\n'),
    );
    const ssh = spawnSync('ssh', ['-F', cfg, 'target', 'echo in'], { encoding: 'utf8', timeout: 20_000 });
    let ours: string;
    try {
      await using conn = await connect('target', { config: cfg, agentPath: null });
      ours = String((await conn.run('echo in')).stdout);
    } catch {
      ours = 'failed';
    }
    return { openssh: ssh.status === 0 ? ssh.stdout : 'failed', ours };
  }

  it('a negated criterion matches when its test fails, and not when it succeeds', async () => {
    const reached = { openssh: 'in\n', ours: 'in\n' };
    const missed = { openssh: 'failed', ours: 'failed' };
    expect(await both('!exec "false"')).toEqual(reached);
    expect(await both('!exec "true"')).toEqual(missed);
    expect(await both('!originalhost other*')).toEqual(reached);
    expect(await both('!originalhost targ*')).toEqual(missed);
  });
});
