import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, startOpenSshd } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen, type SSHKey } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH', 'apt-get install openssh-server openssh-client; pnpm peers').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-hostkeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const blob = (k: SSHKey) => Buffer.from(k.publicData).toString('base64');

describe.skipIf(skip)('host key updates (hostkeys-00 / hostkeys-prove-00)', () => {
  it('our client learns the host keys sshd announces, each new one proven', async () => {
    const server = await startOpenSshd({ generation: 'debian12' });
    try {
      const [first, ...others] = server.hostKeys;
      const kh = path.join(dir, 'known_hosts_partial');
      writeFileSync(kh, `[127.0.0.1]:${server.port} ${first?.publicLine.split(' ').slice(0, 2).join(' ')}\n`);
      let report: SSHKey[][] | undefined;
      const reported = new Promise<void>((resolve) => {
        const handler = (...lists: SSHKey[][]) => {
          report = lists;
          resolve();
        };
        void connect('127.0.0.1', {
          port: server.port,
          username: server.user,
          clientKeys: [server.clientKey.path],
          knownHosts: kh,
          config: null,
          agentPath: null,
          serverHostKeysHandler: handler,
        }).then((conn) => setTimeout(() => conn.close(), 2000));
      });
      await reported;
      const [added, removed, retained, revoked] = report ?? [];
      expect(retained?.map(blob)).toEqual([first?.publicLine.split(' ')[1]]);
      expect(added?.map(blob).sort()).toEqual(others.map((k) => k.publicLine.split(' ')[1]).sort());
      expect(removed).toEqual([]);
      expect(revoked).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('OpenSSH ssh -o UpdateHostKeys=yes learns our second host key when sendServerHostKeys is on', async () => {
    const ed = generatePrivateKey('ssh-ed25519');
    const ec = generatePrivateKey('ecdsa-sha2-nistp256');
    const user = generatePrivateKey('ssh-ed25519');
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [ed, ec],
      sendServerHostKeys: true,
      authorizedClientKeys: dec(user.exportPublicKey('openssh')),
      processFactory: (proc) => {
        // Stay a moment so ssh has time to ask for the proof and write known_hosts.
        setTimeout(() => {
          proc.stdout.write('ok\n');
          proc.exit(0);
        }, 500);
      },
    });
    const port = acceptor.getPort();
    const kh = path.join(dir, 'known_hosts_ssh');
    writeFileSync(kh, `[127.0.0.1]:${port} ${dec(ed.exportPublicKey('openssh')).trim()}\n`);
    const id = path.join(dir, 'id_user');
    writeFileSync(id, user.exportPrivateKey('openssh'), { mode: 0o600 });
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        'ssh',
        [
          '-F',
          '/dev/null',
          '-p',
          String(port),
          '-i',
          id,
          '-o',
          'IdentitiesOnly=yes',
          '-o',
          'BatchMode=yes',
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          `UserKnownHostsFile=${kh}`,
          '-o',
          'GlobalKnownHostsFile=/dev/null',
          '-o',
          'UpdateHostKeys=yes',
          'root@127.0.0.1',
          'x',
        ],
        { stdio: ['ignore', 'ignore', 'ignore'] },
      );
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    const learned = readFileSync(kh, 'utf8');
    expect(learned).toContain(dec(ec.exportPublicKey('openssh')).trim().split(' ')[1]);
  });
});
