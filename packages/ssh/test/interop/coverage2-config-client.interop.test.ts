import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  setTestUserPassword,
  startOpenSshd,
  TEST_USER,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigParseError, connect, loadClientConfig } from '../../src/index.js';

// Client config (ssh_config) features read by connect, each deciding whether our client
// reaches OpenSSH sshd (Debian 12's) with the right port, user, key and method.

const PASSWORD = 'cov2-Config-17';
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('client config read by connect, against OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  let common: string[];
  let n = 0;
  beforeAll(async () => {
    // Under the home directory, so that %d can name it.
    dir = mkdtempSync(path.join(homedir(), '.ssh-cov2-config-'));
    setTestUserPassword(PASSWORD);
    server = await startOpenSshd({
      config: ['KbdInteractiveAuthentication yes', 'UsePAM yes', 'LogLevel DEBUG1'],
    });
    common = [
      '  HostName 127.0.0.1',
      `  User ${server.user}`,
      `  IdentityFile ${server.clientKey.path}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${server.knownHostsPath}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Write a config file and connect to `host` with it: the command's output, or the error's name. */
  async function tryConfig(lines: string[], host = 'target', extra: { password?: string } = {}) {
    n += 1;
    const file = path.join(dir, `config-${n}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    try {
      await using conn = await connect(host, { config: file, agentPath: null, ...extra });
      return String((await conn.run('echo in-as-$(id -un)')).stdout);
    } catch (e) {
      return (e as Error).name;
    }
  }

  it('Host blocks apply only to the names they match; Include reads another file', async () => {
    const inc = path.join(dir, 'included.conf');
    writeFileSync(inc, `Port ${server.port}\n`);
    const lines = ['Host target', `  Include ${inc}`, ...common, 'Host *', '  Port 1', ...common];
    expect(await tryConfig(lines)).toBe('in-as-root\n');
    // Another name gets only the Host * block: port 1, where nothing listens.
    expect(await tryConfig(lines, 'elsewhere')).not.toBe('in-as-root\n');
  });

  it('Match exec picks the port by a command exit status; Match all is the fallback', async () => {
    const flag = path.join(dir, 'flag');
    const lines = [
      `Match exec "test -e ${flag}"`,
      `  Port ${server.port}`,
      'Match all',
      '  Port 1',
      'Host target',
      ...common,
    ];
    expect(await tryConfig(lines)).not.toBe('in-as-root\n');
    writeFileSync(flag, '');
    expect(await tryConfig(lines)).toBe('in-as-root\n');
  });

  it('Match originalhost matches the name given, not the HostName; Match localuser the local account', async () => {
    const lines = (criterion: string) => [
      `Match ${criterion}`,
      `  Port ${server.port}`,
      'Match all',
      '  Port 1',
      'Host *',
      ...common,
    ];
    expect(await tryConfig(lines('originalhost targ*'))).toBe('in-as-root\n');
    expect(await tryConfig(lines('originalhost 127.0.0.1'))).not.toBe('in-as-root\n');
    expect(await tryConfig(lines(`localuser ${userInfo().username}`))).toBe('in-as-root\n');
    expect(await tryConfig(lines('localuser no-such-local-user'))).not.toBe('in-as-root\n');
  });

  it('Match final applies on the final pass', async () => {
    expect(await tryConfig(['Match final', `  Port ${server.port}`, 'Host target', ...common])).toBe(
      'in-as-root\n',
    );
  });

  it('IgnoreUnknown: strict parsing refuses an unknown keyword as ssh does, unless IgnoreUnknown names it', async () => {
    const lines = ['Host target', `  Port ${server.port}`, ...common, '  FancyFutureOption yes'];
    const bare = path.join(dir, 'unknown-bare');
    const ignoring = path.join(dir, 'unknown-ignored');
    writeFileSync(bare, `${lines.join('\n')}\n`);
    writeFileSync(ignoring, `${['IgnoreUnknown Fancy*', ...lines].join('\n')}\n`);
    const sshG = (file: string) => spawnSync('ssh', ['-F', file, '-G', 'target'], { encoding: 'utf8' });
    const opensshBare = sshG(bare);
    expect(opensshBare.status).not.toBe(0);
    expect(opensshBare.stderr).toMatch(/Bad configuration option: fancyfutureoption/i);
    expect(sshG(ignoring).status).toBe(0);
    expect(() => loadClientConfig('target', { config: [bare], strict: true })).toThrow(ConfigParseError);
    expect(() => loadClientConfig('target', { config: [bare], strict: true })).toThrow(
      /Bad configuration option: fancyfutureoption/i,
    );
    expect(loadClientConfig('target', { config: [ignoring], strict: true }).port).toBe(server.port);
    expect(await tryConfig(['IgnoreUnknown Fancy*', ...lines])).toBe('in-as-root\n');
  });

  it('%% and %d in UserKnownHostsFile name the file with a literal % in the home directory', async () => {
    const rel = path.relative(homedir(), dir);
    writeFileSync(
      path.join(dir, 'kh%file'),
      `[127.0.0.1]:${server.port} ${server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
    );
    const lines = (khPath: string) => [
      'Host target',
      `  Port ${server.port}`,
      `  UserKnownHostsFile ${khPath}`,
      ...common,
    ];
    expect(await tryConfig(lines(`%d/${rel}/kh%%file`))).toBe('in-as-root\n');
    expect(await tryConfig(lines(`%d/${rel}/kh%%other`))).toBe('HostKeyNotVerifiable');
  });

  it('ChallengeResponseAuthentication turns keyboard-interactive auth on and off', async () => {
    const lines = (value: string) => [
      'Host target',
      `  Port ${server.port}`,
      '  HostName 127.0.0.1',
      `  User ${TEST_USER}`,
      '  PubkeyAuthentication no',
      '  PasswordAuthentication no',
      `  ChallengeResponseAuthentication ${value}`,
      `  UserKnownHostsFile ${server.knownHostsPath}`,
      '  GlobalKnownHostsFile /dev/null',
    ];
    expect(await tryConfig(lines('no'), 'target', { password: PASSWORD })).toBe('PermissionDenied');
    expect(await tryConfig(lines('yes'), 'target', { password: PASSWORD })).toBe(`in-as-${TEST_USER}\n`);
    await waitForLog(server, new RegExp(`Accepted keyboard-interactive/pam for ${TEST_USER}`));
  });
});
