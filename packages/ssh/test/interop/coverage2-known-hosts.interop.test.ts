import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, readKnownHosts } from '../../src/index.js';

// known_hosts forms, each given to OpenSSH's ssh and to our connect (through readKnownHosts)
// against one OpenSSH sshd on a non-standard port; both must agree on trusting it.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('known_hosts forms, as ssh and our client read them, against OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  let keyPart: string;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-kh-'));
    server = await startOpenSshd({ hostKeyTypes: ['ed25519'] });
    keyPart = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ') ?? '';
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function writeKh(lines: string[]): string {
    n += 1;
    const file = path.join(dir, `known_hosts_${n}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  /** Whether OpenSSH's ssh and our client (with readKnownHosts of the file) trust the server. */
  async function both(file: string): Promise<{ openssh: string; ours: string }> {
    const ssh = spawnSync(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-p',
        String(server.port),
        '-i',
        server.clientKey.path,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${file}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        `${server.user}@127.0.0.1`,
        'echo in',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    let ours: string;
    try {
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: server.user,
        clientKeys: [server.clientKey.path],
        // connect takes file names or a callback; the callback trusts what readKnownHosts matched.
        knownHosts: (key) =>
          readKnownHosts(file)
            .match('127.0.0.1', '127.0.0.1', server.port)
            .hostKeys.some((k) => Buffer.from(k.publicData).equals(Buffer.from(key.publicData))),
        config: null,
        agentPath: null,
      });
      ours = String((await conn.run('echo in')).stdout);
    } catch (e) {
      ours = (e as Error).name;
    }
    return { openssh: ssh.status === 0 ? ssh.stdout : `exit ${ssh.status}`, ours };
  }

  const trusted = { openssh: 'in\n', ours: 'in\n' };
  const refused = { openssh: 'exit 255', ours: 'HostKeyNotVerifiable' };

  it('[host]:port entries: the bracketed form names the port', async () => {
    expect(await both(writeKh([`[127.0.0.1]:${server.port} ${keyPart}`]))).toEqual(trusted);
    expect(await both(writeKh([`[127.0.0.1]:${server.port + 1} ${keyPart}`]))).toEqual(refused);
  });

  it('|1|salt|hash entries written by ssh-keygen -H are matched by readKnownHosts', async () => {
    const good = writeKh([`[127.0.0.1]:${server.port} ${keyPart}`]);
    const other = writeKh([`[127.0.0.1]:${server.port + 1} ${keyPart}`]);
    for (const f of [good, other]) execFileSync('ssh-keygen', ['-q', '-H', '-f', f], { stdio: 'ignore' });
    const hashed = readFileSync(good, 'utf8');
    expect(hashed.startsWith('|1|')).toBe(true);
    expect(hashed).not.toContain('127.0.0.1');
    expect(await both(good)).toEqual(trusted);
    expect(await both(other)).toEqual(refused);
  });

  it('a negated !pattern in the host list rejects the line even when another pattern matches', async () => {
    expect(await both(writeKh([`[127.0.0.*]:${server.port},![10.9.9.9]:${server.port} ${keyPart}`]))).toEqual(
      trusted,
    );
    expect(
      await both(writeKh([`[127.0.0.*]:${server.port},![127.0.0.1]:${server.port} ${keyPart}`])),
    ).toEqual(refused);
  });
});
