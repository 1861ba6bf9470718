import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startOpenSshd,
  waitForLog,
} from '@ssh/testing';
import { HostKeyNotVerifiable } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createConnection,
  createServer,
  getServerAuthMethods,
  getServerHostKey,
  listen,
  runClient,
  runServer,
  SSHClient,
  SSHClientConnectionOptions,
  type SSHKey,
  type SSHReader,
  SSHServer,
  type SSHServerConnection,
  SSHSubprocessProtocol,
  type SSHWriter,
} from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const present = peerHost('debian12')?.has('/usr/sbin/sshd');
const skip = present ? false : missingPeer('OpenSSH sshd', 'apt-get install openssh-server; pnpm peers').skip;

describe.skipIf(skip)('the umbrella API against OpenSSH sshd', () => {
  let server: RunningServer;
  let base: SSHClientConnectionOptions;
  beforeAll(async () => {
    server = await startOpenSshd({ generation: 'debian12' });
    base = new SSHClientConnectionOptions({
      port: server.port,
      username: server.user,
      clientKeys: [server.clientKey.path],
      knownHosts: server.knownHostsPath,
      config: null,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('layers explicit options over an options object, and rejects bad ones before dialing', async () => {
    await using conn = await connect('127.0.0.1', { options: base, encoding: null });
    const r = await conn.run('echo layered');
    expect(r.stdout).toBeInstanceOf(Uint8Array);
    expect(Object.isFrozen(base)).toBe(true);
    expect(() => new SSHClientConnectionOptions({ port: 'x' as unknown as number })).toThrow(
      /option "port" must be/,
    );
    await expect(connect('127.0.0.1', { options: base, bogus: 1 } as never)).rejects.toThrow(
      /unknown option "bogus"/,
    );
  });

  it('session defaults given to connect apply to every session (command, termType, termSize)', async () => {
    await using conn = await connect('127.0.0.1', {
      options: base,
      command: 'echo "$TERM"; stty size',
      termType: 'vt220',
      termSize: [100, 30],
    });
    const r = await conn.run();
    expect(String(r.stdout).replace(/\r/g, '')).toBe('vt220\n30 100\n');
    const other = await conn.run('echo own command', { requestPty: false });
    expect(other.stdout).toBe('own command\n');
  });

  it('opens a UNIX socket on the server host (direct-streamlocal) and runs a subprocess protocol', async () => {
    const sockPath = path.join(server.workdir.local, 'echo.sock');
    const echo = net.createServer((c) => c.pipe(c));
    await new Promise<void>((r) => echo.listen(sockPath, () => r()));
    try {
      await using conn = await connect('127.0.0.1', { options: base });
      const [reader, writer] = await conn.openUnixConnection(sockPath);
      writer.write(new TextEncoder().encode('over a unix socket'));
      writer.writeEof();
      const parts: Uint8Array[] = [];
      for await (const chunk of reader) parts.push(chunk as Uint8Array);
      expect(Buffer.concat(parts).toString()).toBe('over a unix socket');
      let out = '';
      class Collect extends SSHSubprocessProtocol {
        override pipeDataReceived(_fd: 1 | 2, data: string | Uint8Array) {
          out += String(data);
        }
      }
      const [transport] = await conn.createSubprocess(() => new Collect(), 'echo from subprocess');
      await transport.waitClosed();
      expect(out).toBe('from subprocess\n');
      conn.sendDebug('a debug message for sshd');
      expect(conn.logger).toBeDefined();
    } finally {
      echo.close();
    }
  });

  it('startServer asks sshd to listen (tcpip-forward) and serves what arrives there', async () => {
    await using conn = await connect('127.0.0.1', { options: base });
    await using listener = await conn.startServer(
      (origHost) => async (_r: SSHReader, w: SSHWriter) => {
        w.write(new TextEncoder().encode(`hello ${origHost}\n`));
        w.writeEof();
      },
      '127.0.0.1',
      0,
    );
    const port = listener.getPort();
    expect(port).toBeGreaterThan(0);
    const got = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      let text = '';
      s.on('data', (d) => {
        text += d.toString();
      });
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
    expect(got).toBe('hello 127.0.0.1\n');
  });

  it('sshd receives our signal request; requestPty force and auto; no-more-sessions makes sshd refuse sessions', async () => {
    await using conn = await connect('127.0.0.1', { options: base });
    const proc = await conn.createProcess('sleep 30');
    await new Promise((r) => setTimeout(r, 300));
    proc.sendSignal('TERM');
    // sshd parses the request; in the test's debug mode (no privilege separation) it declines to deliver it.
    await waitForLog(server, /session_signal_req/);
    proc.close();
    const forced = await conn.run('tty >/dev/null && echo pty || echo none', { requestPty: 'force' });
    expect(String(forced.stdout).trim()).toBe('pty');
    const auto = await conn.run('tty >/dev/null && echo pty || echo none', {
      requestPty: 'auto',
      termType: 'xterm',
    });
    expect(String(auto.stdout).trim()).toBe('none');
    conn.connection.sendNoMoreSessions();
    await expect(conn.run('true')).rejects.toThrow();
  });

  it('getServerHostKey returns the key sshd proves, without checking known_hosts', async () => {
    const key = await getServerHostKey('127.0.0.1', { port: server.port, config: null });
    const listed = server.hostKeys.map((k) => k.publicLine.split(' ')[1]);
    const blob = Buffer.from((key as SSHKey).publicData).toString('base64');
    expect(listed).toContain(blob);
  });

  it('getServerAuthMethods lists what sshd offers the user', async () => {
    const methods = await getServerAuthMethods('127.0.0.1', {
      port: server.port,
      username: server.user,
      config: null,
    });
    expect(methods).toContain('publickey');
  });

  it('SSHClient callbacks see the connection made, the login, and decide on an unknown host key', async () => {
    const seen: string[] = [];
    class Client extends SSHClient {
      override connectionMade() {
        seen.push('made');
      }
      override authCompleted() {
        seen.push('auth');
      }
      override validateHostPublicKey(host: string, _addr: string, port: number, key: SSHKey) {
        seen.push(`validate ${host}:${port} ${key.algorithm}`);
        return true;
      }
    }
    const [conn, client] = await createConnection(() => new Client(), '127.0.0.1', server.port, {
      options: base,
      knownHosts: path.join(server.workdir.local, 'no_such_known_hosts'),
    });
    await using _c = conn;
    expect(client).toBeInstanceOf(Client);
    expect(seen[0]).toBe('made');
    expect(seen[1]).toMatch(/^validate 127\.0\.0\.1:\d+ /);
    expect(seen[2]).toBe('auth');
    await expect(
      connect('127.0.0.1', { options: base, knownHosts: path.join(server.workdir.local, 'none') }),
    ).rejects.toThrow(HostKeyNotVerifiable);
  });

  it('connectSsh reaches another server through this one; an AbortSignal cancels a run and a process', async () => {
    await using outer = await connect('127.0.0.1', { options: base });
    await using inner = await outer.connectSsh('127.0.0.1', { options: base });
    expect((await inner.run('echo nested')).stdout).toBe('nested\n');
    const ctrl = new AbortController();
    const running = inner.run('sleep 30', { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('user gave up')), 200);
    await expect(running).rejects.toThrow('user gave up');
    const proc = await inner.createProcess('cat', { signal: AbortSignal.timeout(200) });
    await proc.channel.waitClosed();
    expect((await inner.run('echo still usable')).stdout).toBe('still usable\n');
    await expect(inner.run('true', { signal: AbortSignal.abort(new Error('early')) })).rejects.toThrow(
      'early',
    );
  });

  it('runs over a channel of another connection (tunnel)', async () => {
    await using outer = await connect('127.0.0.1', { options: base });
    await using inner = await connect('127.0.0.1', { options: base, tunnel: outer });
    expect((await inner.run('echo inner')).stdout).toBe('inner\n');
    expect(inner.getExtraInfo('peername')).toEqual(['127.0.0.1', server.port]);
  });

  it('reaches sshd with only a config file: HostName, Port, User, IdentityFile, ProxyJump', async () => {
    const cfg = path.join(server.workdir.local, 'client_config');
    writeFileSync(
      cfg,
      [
        'Host jump target',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKey.path}`,
        `  UserKnownHostsFile ${server.knownHostsPath}`,
        'Host target',
        '  ProxyJump jump',
        '',
      ].join('\n'),
    );
    await using conn = await connect('target', { config: cfg });
    expect((await conn.run('echo "$SSH_CONNECTION"')).stdout).toMatch(
      /^127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+\n$/,
    );
    expect(conn.getExtraInfo('username')).toBe(server.user);
  });

  it('runs over a ProxyCommand', async () => {
    const script = `const s=require('net').connect(${server.port},'127.0.0.1');process.stdin.pipe(s);s.pipe(process.stdout);`;
    await using conn = await connect('127.0.0.1', {
      options: base,
      proxyCommand: [process.execPath, '-e', script],
    });
    expect((await conn.run('echo proxied')).stdout).toBe('proxied\n');
  });

  it('logs in with a key held by a real ssh-agent ($SSH_AUTH_SOCK-style agentPath)', async () => {
    const sock = path.join(server.workdir.local, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100; i++) {
        try {
          execFileSync('ssh-add', [server.clientKey.path], {
            env: { ...process.env, SSH_AUTH_SOCK: sock },
            stdio: 'pipe',
          });
          break;
        } catch (err) {
          if (i === 99) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: server.user,
        knownHosts: server.knownHostsPath,
        config: null,
        agentPath: sock,
      });
      expect((await conn.run('echo via agent')).stdout).toBe('via agent\n');
      await expect(
        connect('127.0.0.1', {
          port: server.port,
          username: server.user,
          knownHosts: server.knownHostsPath,
          config: null,
          agentPath: null,
          clientKeys: [],
          passwordAuth: false,
          kbdintAuth: false,
        }),
      ).rejects.toThrow(/permission denied|no more authentication methods/i);
    } finally {
      agent.kill();
    }
  });

  it('runClient runs a client on a socket the caller connected', async () => {
    const sock = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    await using conn = await runClient(sock, { options: base, host: '127.0.0.1' });
    expect((await conn.run('echo on-socket')).stdout).toBe('on-socket\n');
  });
});

describe.skipIf(skip)('server functions against OpenSSH ssh', () => {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const userKey = generatePrivateKey('ssh-ed25519');
  const knownHosts = (port: number) =>
    `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

  it('createServer takes an SSHServer subclass deciding logins, and acceptor/errorHandler see each connection', async () => {
    const events: string[] = [];
    class Server extends SSHServer {
      override publicKeyAuthSupported() {
        return true;
      }
      override validatePublicKey(user: string, key: SSHKey) {
        events.push(`key for ${user}`);
        return dec(key.publicData) === dec(userKey.publicData);
      }
      override authCompleted() {
        events.push('auth');
      }
    }
    const accepted: SSHServerConnection[] = [];
    await using acceptor = await createServer(() => new Server(), '127.0.0.1', 0, {
      serverHostKeys: [hostKey],
      acceptor: (conn) => {
        accepted.push(conn);
      },
      processFactory: (proc) => {
        proc.stdout.write(`hello ${proc.getExtraInfo('username')}\n`);
        proc.exit(0);
      },
    });
    expect(acceptor.getPort()).toBeGreaterThan(0);
    expect(acceptor.getAddresses()).toEqual([['127.0.0.1', acceptor.getPort()]]);
    const run = await runOpenSshClient({
      generation: 'debian12',
      port: acceptor.getPort(),
      knownHosts: knownHosts(acceptor.getPort()),
      identity: dec(userKey.exportPrivateKey('openssh')),
      command: 'anything',
    });
    expect(run.stdout).toMatch(/^hello \S+\n$/);
    expect(run.code).toBe(0);
    expect(events).toContain('auth');
    expect(accepted).toHaveLength(1);
  });

  it('an SSHServer with passwords gets keyboard-interactive tied to them, as AsyncSSH does (ssh via sshpass)', async () => {
    class Server extends SSHServer {
      override passwordAuthSupported() {
        return true;
      }
      override validatePassword(_user: string, password: string) {
        return password === 'open sesame';
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      serverFactory: () => new Server(),
      processFactory: (proc) => {
        proc.stdout.write('in\n');
        proc.exit(0);
      },
    });
    const port = acceptor.getPort();
    for (const method of ['keyboard-interactive', 'password']) {
      const ok = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        password: 'open sesame',
        options: [`PreferredAuthentications=${method}`],
        command: 'x',
      });
      expect(ok.stdout, `${method}: ${ok.stderr.slice(-1500)}`).toBe('in\n');
    }
    const bad = await runOpenSshClient({
      generation: 'debian12',
      port,
      knownHosts: knownHosts(port),
      password: 'wrong',
      options: ['PreferredAuthentications=keyboard-interactive', 'NumberOfPasswordPrompts=1'],
      command: 'x',
    });
    expect(bad.code).not.toBe(0);
  });

  it('SSHServer.connectionRequested serves ssh -W: true forwards to the real port, a handler answers itself, false refuses', async () => {
    const greeter = net.createServer((sock) => sock.end('hello from the real port\n'));
    await new Promise<void>((r) => greeter.listen(0, '127.0.0.1', () => r()));
    const greeterPort = (greeter.address() as net.AddressInfo).port;
    class Server extends SSHServer {
      override publicKeyAuthSupported() {
        return true;
      }
      override validatePublicKey() {
        return true;
      }
      override connectionRequested(host: string, port: number) {
        if (port === greeterPort) return true;
        if (host === 'handled.example') {
          return async (_r: SSHReader, w: SSHWriter) => {
            w.write(new TextEncoder().encode(`handled ${host}:${port}\n`));
            w.writeEof();
            w.channel.close();
          };
        }
        return false;
      }
    }
    try {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        serverFactory: () => new Server(),
      });
      const port = acceptor.getPort();
      const via = (target: string) =>
        runOpenSshClient({
          generation: 'debian12',
          port,
          knownHosts: knownHosts(port),
          identity: dec(userKey.exportPrivateKey('openssh')),
          options: [],
          extraArgs: ['-W', target],
        });
      expect((await via(`127.0.0.1:${greeterPort}`)).stdout).toBe('hello from the real port\n');
      const handled = await via('handled.example:99');
      expect(handled.stdout, handled.stderr.slice(-1500)).toBe('handled handled.example:99\n');
      const refused = await via('127.0.0.1:1');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/open failed|prohibited|refused/i);
    } finally {
      greeter.close();
    }
  });

  it('runServer serves a socket the caller accepted', async () => {
    const served: Promise<SSHServerConnection>[] = [];
    const listener = net.createServer((sock) => {
      served.push(
        runServer(sock, {
          serverHostKeys: [hostKey],
          authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
          processFactory: (proc) => {
            proc.stdout.write('served\n');
            proc.exit(0);
          },
        }),
      );
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      const run = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        identity: dec(userKey.exportPrivateKey('openssh')),
        command: 'x',
      });
      expect(run.stdout).toBe('served\n');
      const conn = await served[0];
      expect(conn?.username).toBeTruthy();
    } finally {
      listener.close();
    }
  });
});
