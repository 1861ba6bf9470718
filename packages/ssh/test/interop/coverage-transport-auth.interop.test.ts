import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startOpenSshd,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  generatePrivateKey,
  type KbdintChallenge,
  listen,
  SSHClient,
  SSHClientConnectionOptions,
  SSHServer,
  type SSHServerConnection,
} from '../../src/index.js';

// Transport and login options of connect and listen, checked by what the real peer saw:
// sshd's debug log for our client, `ssh -vvv`'s output for our server.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (text: string, needle: string) => text.split(needle).length - 1;

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('our client options, as OpenSSH sshd sees them', () => {
  let server: RunningServer;
  let base: SSHClientConnectionOptions;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenSshd({ config: ['LogLevel DEBUG1', 'PasswordAuthentication yes'] });
    base = new SSHClientConnectionOptions({
      port: server.port,
      username: server.user,
      clientKeys: [server.clientKey.path],
      knownHosts: server.knownHostsPath,
      config: null,
      agentPath: null,
    });
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-client-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('clientVersion is the software version sshd logs; setExtraInfo; SSHClient.connectionLost on close', async () => {
    const lost: (Error | null)[] = [];
    class Watch extends SSHClient {
      override connectionLost(err: Error | null): void {
        lost.push(err);
      }
    }
    const conn = await connect('127.0.0.1', {
      options: base,
      clientVersion: 'CoverageClient_1.0',
      clientFactory: () => new Watch(),
    });
    await waitForLog(server, /remote software version CoverageClient_1\.0/);
    conn.setExtraInfo({ purpose: 'coverage' });
    expect(conn.getExtraInfo('purpose')).toBe('coverage');
    expect((await conn.run('echo hi')).stdout).toBe('hi\n');
    expect(lost).toEqual([]);
    conn.close();
    await conn.waitClosed();
    await sleep(50);
    expect(lost).toHaveLength(1);
  });

  it('rekeySeconds: sshd sees a second key exchange on a connection kept open past it', async () => {
    const mark = server.log().length;
    await using conn = await connect('127.0.0.1', { options: base, rekeySeconds: 1 });
    expect((await conn.run('sleep 2.5; echo ok')).stdout).toBe('ok\n');
    const log = server.log().slice(mark);
    expect(count(log, 'SSH2_MSG_KEXINIT received')).toBeGreaterThanOrEqual(2);
    expect(count(log, 'SSH2_MSG_NEWKEYS received')).toBeGreaterThanOrEqual(2);
  });

  it('loginTimeout: a login stuck waiting for a password ends with ConnectionLost; connectionLost is called', async () => {
    const lost: (Error | null)[] = [];
    class Watch extends SSHClient {
      override connectionLost(err: Error | null): void {
        lost.push(err);
      }
    }
    await expect(
      connect('127.0.0.1', {
        options: base,
        clientKeys: [],
        password: () => new Promise<string>(() => {}),
        loginTimeout: 1,
        clientFactory: () => new Watch(),
      }),
    ).rejects.toThrow(/did not finish within 1 s/);
    for (let i = 0; i < 100 && lost.length === 0; i++) await sleep(20);
    expect(lost).toHaveLength(1);
  });

  it('hostKeyAlias: known_hosts is searched for the alias, not the address', async () => {
    const aliased = path.join(dir, 'known_hosts_alias');
    writeFileSync(
      aliased,
      server.hostKeys
        .map((k) => `coverage-alias ${k.publicLine.split(' ').slice(0, 2).join(' ')}\n`)
        .join(''),
    );
    await using conn = await connect('127.0.0.1', {
      options: base,
      knownHosts: aliased,
      hostKeyAlias: 'coverage-alias',
    });
    expect((await conn.run('echo aliased')).stdout).toBe('aliased\n');
    await expect(connect('127.0.0.1', { options: base, knownHosts: aliased })).rejects.toThrow(
      /not trusted|host key/i,
    );
  });
});

describe.skipIf(skip)('our server options, as OpenSSH ssh sees them', () => {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const user = generatePrivateKey('ssh-ed25519');
  const userPub = dec(user.exportPublicKey('openssh')).trim();
  const identity = dec(user.exportPrivateKey('openssh'));
  const knownHosts = (port: number) =>
    `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

  it('serverVersion is what ssh reports; rekeySeconds re-keys a long session; SSHServer.connectionLost', async () => {
    const lost: (Error | null)[] = [];
    class Watch extends SSHServer {
      override connectionLost(err: Error | null): void {
        lost.push(err);
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: `${userPub}\n`,
      serverVersion: 'CoverageServer_2.0',
      rekeySeconds: 1,
      serverFactory: () => new Watch(),
      processFactory: async (p) => {
        await sleep(2500);
        p.stdout.write('ok\n');
        p.exit(0);
      },
    });
    const port = acceptor.getPort();
    const r = await runOpenSshClient({ port, knownHosts: knownHosts(port), identity, command: 'x' });
    expect(r.stdout, r.stderr.slice(-1500)).toBe('ok\n');
    expect(r.stderr).toMatch(/Remote protocol version 2\.0, remote software version CoverageServer_2\.0/);
    expect(count(r.stderr, 'SSH2_MSG_KEXINIT received')).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 100 && lost.length === 0; i++) await sleep(20);
    expect(lost).toHaveLength(1);
  });

  it('loginTimeout: the server drops a client whose login does not finish in time', async () => {
    const lost: (Error | null)[] = [];
    class Stall extends SSHServer {
      override beginAuth(): Promise<boolean> {
        return new Promise(() => {});
      }
      override connectionLost(err: Error | null): void {
        lost.push(err);
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      loginTimeout: 1,
      serverFactory: () => new Stall(),
    });
    const port = acceptor.getPort();
    const r = await runOpenSshClient({ port, knownHosts: knownHosts(port), identity, command: 'x' });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Connection (closed|reset) by/);
    for (let i = 0; i < 100 && lost.length === 0; i++) await sleep(20);
    expect(lost).toHaveLength(1);
  });

  it('beginAuth (false lets a user in), sendAuthBanner and setAuthorizedKeys per user', async () => {
    class Gate extends SSHServer {
      conn: SSHServerConnection | null = null;
      override connectionMade(conn: SSHServerConnection): void {
        this.conn = conn;
      }
      override beginAuth(username: string): boolean {
        if (username === 'guest') return false;
        this.conn?.sendAuthBanner(`hello ${username}\n`);
        if (username === 'alice') this.conn?.setAuthorizedKeys(`${userPub}\n`);
        return true;
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      serverFactory: () => new Gate(),
      processFactory: (p) => {
        p.stdout.write(`in as ${p.getExtraInfo('username')}\n`);
        p.exit(0);
      },
    });
    const port = acceptor.getPort();
    const as = (name: string) =>
      runOpenSshClient({ port, knownHosts: knownHosts(port), identity, user: name, command: 'x' });
    const guest = await as('guest');
    expect(guest.stdout, guest.stderr.slice(-1500)).toBe('in as guest\n');
    expect(guest.stderr).toMatch(/Authenticated to 127\.0\.0\.1 .*using "none"/);
    const alice = await as('alice');
    expect(alice.stdout).toBe('in as alice\n');
    expect(alice.stderr).toContain('hello alice');
    expect(alice.stderr).toMatch(/using "publickey"/);
    const bob = await as('bob');
    expect(bob.code).toBe(255);
    expect(bob.stderr).toContain('hello bob');
    expect(bob.stderr).toMatch(/Permission denied/);
  });

  it('kbdintAuthSupported: false makes ssh use password auth, true keyboard-interactive', async () => {
    const make = (kbdint: boolean) =>
      class extends SSHServer {
        override passwordAuthSupported(): boolean {
          return true;
        }
        override validatePassword(_u: string, password: string): boolean {
          return password === 'sesame';
        }
        override kbdintAuthSupported(): boolean {
          return kbdint;
        }
        override getKbdintChallenge(): KbdintChallenge {
          return { name: '', instructions: '', lang: '', prompts: [{ prompt: 'Password: ', echo: false }] };
        }
        override validateKbdintResponse(_u: string, responses: readonly string[]): boolean {
          return responses[0] === 'sesame';
        }
      };
    const methods: string[] = [];
    for (const kbdint of [false, true]) {
      const Server = make(kbdint);
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        serverFactory: () => new Server(),
        processFactory: (p) => {
          p.stdout.write('in\n');
          p.exit(0);
        },
      });
      const port = acceptor.getPort();
      const r = await runOpenSshClient({
        port,
        knownHosts: knownHosts(port),
        password: 'sesame',
        command: 'x',
      });
      expect(r.stdout, r.stderr.slice(-1500)).toBe('in\n');
      methods.push(/Authenticated to 127\.0\.0\.1 .*using "([^"]+)"/.exec(r.stderr)?.[1] ?? '?');
    }
    expect(methods).toEqual(['password', 'keyboard-interactive']);
  });

  it('SSHServer.unixConnectionRequested serves ssh -L port:/socket in stream form', async () => {
    const asked: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((r) => {
      finished = r;
    });
    class Unix extends SSHServer {
      override unixConnectionRequested(destPath: string) {
        asked.push(destPath);
        if (destPath !== '/coverage/socket') return false;
        return async (
          reader: { read(n?: number): Promise<unknown> },
          writer: { write(d: Uint8Array): void; close(): void },
        ) => {
          const got = (await reader.read()) as Uint8Array;
          writer.write(new TextEncoder().encode(`socket got ${dec(got)}`));
          writer.close();
          finished();
        };
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: `${userPub}\n`,
      serverFactory: () => new Unix(),
      processFactory: async (p) => {
        await done;
        p.exit(0);
      },
    });
    const port = acceptor.getPort();
    const local = await freePort();
    const ssh = runOpenSshClient({
      port,
      knownHosts: knownHosts(port),
      identity,
      options: ['ExitOnForwardFailure=yes'],
      extraArgs: ['-L', `127.0.0.1:${local}:/coverage/socket`],
      command: 'wait',
    });
    let reply = '';
    for (let i = 0; i < 200; i++) {
      try {
        reply = await new Promise<string>((resolve, reject) => {
          const sock = net.connect(local, '127.0.0.1', () => sock.end('ping'));
          let text = '';
          sock.on('data', (d) => {
            text += d.toString();
          });
          sock.on('end', () => resolve(text));
          sock.on('error', reject);
        });
        break;
      } catch {
        await sleep(50);
      }
    }
    const r = await ssh;
    expect(reply).toBe('socket got ping');
    expect(asked).toEqual(['/coverage/socket']);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
  });
});
