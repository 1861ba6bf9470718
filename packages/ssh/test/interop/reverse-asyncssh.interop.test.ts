import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import { hasAsyncSsh, missingPeer, peerHost, startOpenSshd } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, connectReverse, listenReverse, type SSHClientConnection } from '../../src/index.js';
import { CONNECT_REVERSE, LISTEN_REVERSE, runPython } from './python.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH', 'apt-get install python3-asyncssh; pnpm peers').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-reverse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const python = (script: string, args: string[], lines: (line: string) => void) =>
  runPython(dir, script, args, lines);

describe.skipIf(skip)('reverse direction with AsyncSSH', () => {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const userKey = generatePrivateKey('ssh-ed25519');
  const userKeyFile = path.join(dir, 'id_user');
  const hostKeyFile = path.join(dir, 'host_key');
  const authorized = path.join(dir, 'authorized_keys');
  writeFileSync(userKeyFile, userKey.exportPrivateKey('openssh'), { mode: 0o600 });
  writeFileSync(hostKeyFile, hostKey.exportPrivateKey('openssh'), { mode: 0o600 });
  writeFileSync(authorized, userKey.exportPublicKey('openssh'));

  it('connectReverse dials AsyncSSH listen_reverse, whose client runs a command on our server', async () => {
    let port!: (p: number) => void;
    const portP = new Promise<number>((r) => {
      port = r;
    });
    const results: string[] = [];
    const py = python(LISTEN_REVERSE, [userKeyFile], (line) => {
      if (line.startsWith('PORT ')) port(Number(line.slice(5)));
      else results.push(line);
    });
    const conn = await connectReverse('127.0.0.1', {
      port: await Promise.race([
        portP,
        py.exited.then((code) => {
          throw new Error(`AsyncSSH exited (${code}) before listening: ${py.stderr()}`);
        }),
      ]),
      serverHostKeys: [hostKey],
      authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
      processFactory: (proc) => {
        proc.stdout.write(`we ran: ${proc.command}\n`);
        proc.exit(3);
      },
    });
    expect(conn.username).toBe('tester');
    expect(await py.exited).toBe(0);
    expect(results).toEqual(['RESULT we ran: hello reverse 3']);
    await conn.waitClosed();
  });

  it('connectReverse reaches AsyncSSH listen_reverse through a proxyCommand', async () => {
    let port!: (p: number) => void;
    const portP = new Promise<number>((r) => {
      port = r;
    });
    const results: string[] = [];
    const py = python(LISTEN_REVERSE, [userKeyFile], (line) => {
      if (line.startsWith('PORT ')) port(Number(line.slice(5)));
      else results.push(line);
    });
    const target = await Promise.race([
      portP,
      py.exited.then((code) => {
        throw new Error(`AsyncSSH exited (${code}) before listening: ${py.stderr()}`);
      }),
    ]);
    const script = `const s=require('net').connect(${target},'127.0.0.1');process.stdin.pipe(s);s.pipe(process.stdout);`;
    const conn = await connectReverse('127.0.0.1', {
      proxyCommand: [process.execPath, '-e', script],
      serverHostKeys: [hostKey],
      authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
      processFactory: (proc) => {
        proc.stdout.write(`we ran: ${proc.command}\n`);
        proc.exit(3);
      },
    });
    expect(conn.username).toBe('tester');
    expect(await py.exited).toBe(0);
    expect(results).toEqual(['RESULT we ran: hello reverse 3']);
    await conn.waitClosed();
  });

  it.skipIf(!peerHost('debian12')?.has('/usr/sbin/sshd'))(
    'connectReverseSsh dials AsyncSSH listen_reverse through an sshd tunnel',
    async () => {
      const sshd = await startOpenSshd({ generation: 'debian12' });
      try {
        await using jump = await connect('127.0.0.1', {
          port: sshd.port,
          username: sshd.user,
          clientKeys: [sshd.clientKey.path],
          knownHosts: sshd.knownHostsPath,
          config: null,
        });
        let port!: (p: number) => void;
        const portP = new Promise<number>((r) => {
          port = r;
        });
        const results: string[] = [];
        const py = python(LISTEN_REVERSE, [userKeyFile], (line) => {
          if (line.startsWith('PORT ')) port(Number(line.slice(5)));
          else results.push(line);
        });
        const conn = await jump.connectReverseSsh('127.0.0.1', {
          port: await portP,
          serverHostKeys: [hostKey],
          authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
          processFactory: (proc) => {
            proc.stdout.write(`tunnelled: ${proc.command}\n`);
            proc.exit(0);
          },
        });
        expect(await py.exited).toBe(0);
        expect(results).toEqual(['RESULT tunnelled: hello reverse 0']);
        await conn.waitClosed();
      } finally {
        await sshd.stop();
      }
    },
  );

  it('listenReverse accepts AsyncSSH connect_reverse and runs a command on its server', async () => {
    let resolveConn!: (c: SSHClientConnection) => void;
    const accepted = new Promise<SSHClientConnection>((r) => {
      resolveConn = r;
    });
    await using acceptor = await listenReverse({
      host: '127.0.0.1',
      port: 0,
      username: 'tester',
      clientKeys: [userKey],
      knownHosts: null,
      config: null,
      acceptor: (conn) => resolveConn(conn),
    });
    const lines: string[] = [];
    const py = python(CONNECT_REVERSE, [String(acceptor.getPort()), hostKeyFile, authorized], (l) =>
      lines.push(l),
    );
    const conn = await accepted;
    const r = await conn.run('some command');
    expect(r.stdout).toBe('asyncssh ran: some command\n');
    expect(r.exitStatus).toBe(5);
    conn.close();
    expect(await py.exited).toBe(0);
    expect(lines).toContain('CLOSED');
  });
});
