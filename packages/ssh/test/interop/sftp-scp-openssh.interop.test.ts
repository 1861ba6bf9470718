import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  listen,
  SFTPServer,
  type SSHAcceptor,
  type SSHClientConnection,
  scp,
} from '../../src/index.js';

// SFTP and SCP through the umbrella: our server's sftpFactory / allowScp with
// OpenSSH's sftp and scp as clients, and our client's startSftpClient / scp
// against sshd.

const present = peerHost('debian12')?.has('/usr/sbin/sshd') && peerHost('debian12')?.has('/usr/bin/sftp');
const skip = present ? false : missingPeer('OpenSSH sshd, sftp, scp', 'apt-get install openssh-server').skip;

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-sftp-umbrella-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const userKey = generatePrivateKey('ssh-ed25519');
const idFile = path.join(dir, 'id');
const knownHostsFile = path.join(dir, 'known_hosts');
writeFileSync(idFile, userKey.exportPrivateKey('openssh'), { mode: 0o600 });

/** Run an OpenSSH tool without blocking the event loop (our server runs in this process). */
function run(
  cmd: string,
  args: string[],
  input = '',
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const common = (portFlag: string, port: number) => [
  '-F',
  '/dev/null',
  portFlag,
  String(port),
  '-i',
  idFile,
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  `UserKnownHostsFile=${knownHostsFile}`,
  '-o',
  'GlobalKnownHostsFile=/dev/null',
];

/** OpenSSH's sftp or scp against our server on 127.0.0.1:port. */
const tool = (name: 'sftp' | 'scp', port: number, args: string[], input = '') =>
  run(name, [...common('-P', port), ...args], input);

describe.skipIf(skip)('SFTP and SCP through @ssh/ssh', () => {
  let server: SSHAcceptor;
  let chrooted: SSHAcceptor;
  const root = path.join(dir, 'root');
  const payload = randomBytes(3 * 1024 * 1024 + 17);

  beforeAll(async () => {
    mkdirSync(root);
    writeFileSync(path.join(root, 'inside.txt'), 'inside the chroot\n');
    writeFileSync(path.join(dir, 'payload.bin'), payload);
    const base = {
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
    };
    server = await listen({
      ...base,
      sftpFactory: true,
      allowScp: true,
      processFactory: (proc) => {
        proc.stdout.write(`text session: ${proc.command}\n`);
        proc.exit(0);
      },
    });
    chrooted = await listen({ ...base, sftpFactory: (chan) => new SFTPServer(chan, root) });
    const line = dec(hostKey.exportPublicKey('openssh')).trim();
    writeFileSync(
      knownHostsFile,
      `[127.0.0.1]:${server.getPort()} ${line}\n[127.0.0.1]:${chrooted.getPort()} ${line}\n`,
    );
  });
  afterAll(() => {
    server?.close();
    chrooted?.close();
  });

  it('sftpFactory: true serves OpenSSH sftp from the local disk; other requests still reach processFactory', async () => {
    const back = path.join(dir, 'back.bin');
    const remote = path.join(dir, 'uploaded.bin');
    const r = await tool(
      'sftp',
      server.getPort(),
      ['-b', '-', '127.0.0.1'],
      `put ${path.join(dir, 'payload.bin')} ${remote}\nget ${remote} ${back}\nls ${dir}\n`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(sha(readFileSync(remote))).toBe(sha(payload));
    expect(sha(readFileSync(back))).toBe(sha(payload));
    expect(r.stdout).toContain('uploaded.bin');
    const ssh = await run('ssh', [...common('-p', server.getPort()), '127.0.0.1', 'echo hi']);
    expect(ssh.stdout).toBe('text session: echo hi\n');
  });

  it('allowScp: OpenSSH scp -O copies both ways through the SFTP server', async () => {
    const up = path.join(dir, 'scp-up.bin');
    const down = path.join(dir, 'scp-down.bin');
    let r = await tool('scp', server.getPort(), ['-O', path.join(dir, 'payload.bin'), `127.0.0.1:${up}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(sha(readFileSync(up))).toBe(sha(payload));
    r = await tool('scp', server.getPort(), ['-O', `127.0.0.1:${up}`, down]);
    expect(r.status, r.stderr).toBe(0);
    expect(sha(readFileSync(down))).toBe(sha(payload));
  });

  it('sftpFactory returning a chrooted SFTPServer: sftp sees only the root', async () => {
    const r = await tool(
      'sftp',
      chrooted.getPort(),
      ['-b', '-', '127.0.0.1'],
      `pwd\nls /\nget /inside.txt ${path.join(dir, 'inside-copy.txt')}\ncd ..\nls\n`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('inside.txt');
    expect(readFileSync(path.join(dir, 'inside-copy.txt'), 'utf8')).toBe('inside the chroot\n');
    expect(r.stdout).not.toContain('payload.bin');
    // scp was not allowed on this server: the request is refused rather than served.
    const scpRun = await tool('scp', chrooted.getPort(), [
      '-O',
      `127.0.0.1:/inside.txt`,
      path.join(dir, 'nope'),
    ]);
    expect(scpRun.status).not.toBe(0);
  });

  describe('our client against sshd', () => {
    let sshd: RunningServer;
    let conn: SSHClientConnection;
    const opts = () => ({
      port: sshd.port,
      username: sshd.user,
      clientKeys: [sshd.clientKey.path],
      knownHosts: sshd.knownHostsPath,
      config: null,
    });
    beforeAll(async () => {
      sshd = await startOpenSshd({ generation: 'debian12' });
      conn = await connect('127.0.0.1', opts());
    });
    afterAll(async () => {
      conn?.close();
      await sshd?.stop();
    });

    it('startSftpClient puts and gets a file through sshd’s sftp-server', async () => {
      await using sftp = await conn.startSftpClient();
      const remote = path.join(dir, 'via-client.bin');
      const back = path.join(dir, 'via-client-back.bin');
      await sftp.put(path.join(dir, 'payload.bin'), remote);
      expect((await sftp.stat(remote)).size).toBe(payload.length);
      await sftp.get(remote, back);
      expect(sha(readFileSync(back))).toBe(sha(payload));
    });

    it('scp copies with [conn, path] and with "user@host:path" strings opened by connect', async () => {
      const remote = path.join(dir, 'scp-client.bin');
      const back = path.join(dir, 'scp-client-back.bin');
      await scp(path.join(dir, 'payload.bin'), [conn, remote]);
      expect(sha(readFileSync(remote))).toBe(sha(payload));
      const { username: _, ...rest } = opts();
      await scp(`${sshd.user}@127.0.0.1:${remote}`, back, rest);
      expect(sha(readFileSync(back))).toBe(sha(payload));
    });
  });
});
