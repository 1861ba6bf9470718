import net from 'node:net';
import { missingPeer, peerHost, type RunningServer, runOpenSshClient, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  generatePrivateKey,
  listen,
  SSHClient,
  SSHClientConnectionOptions,
  SSHServerConnectionOptions,
} from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH', 'apt-get install openssh-server openssh-client; pnpm peers').skip;

describe.skipIf(skip)('how connect dials, against sshd', () => {
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
      agentPath: null,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('family, localAddr, tcpKeepalive, connectTimeout and clientFactory', async () => {
    let made = 0;
    class Counting extends SSHClient {
      override connectionMade() {
        made++;
      }
    }
    await using conn = await connect('127.0.0.1', {
      options: base,
      family: 4,
      localAddr: ['127.0.0.1', 0],
      tcpKeepalive: false,
      connectTimeout: 20,
      clientFactory: () => new Counting(),
    });
    expect((await conn.run('echo "$SSH_CLIENT"')).stdout).toMatch(/^127\.0\.0\.1 \d+ \d+\n$/);
    expect((conn.getExtraInfo('sockname') as [string, number])[0]).toBe('127.0.0.1');
    expect(made).toBe(1);
  });

  it('sock: a socket the caller connected', async () => {
    const sock = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    await using conn = await connect('127.0.0.1', { options: base, sock });
    expect((await conn.run('echo given socket')).stdout).toBe('given socket\n');
  });

  it('createSshConnection reaches a server through this one', async () => {
    await using outer = await connect('127.0.0.1', { options: base });
    const [inner, client] = await outer.createSshConnection(() => new SSHClient(), '127.0.0.1', server.port, {
      options: base,
    });
    await using _inner = inner;
    expect(client).toBeInstanceOf(SSHClient);
    expect((await inner.run('echo nested')).stdout).toBe('nested\n');
  });
});

describe.skipIf(skip)('how listen serves, against OpenSSH ssh', () => {
  it('an options object, backlog, errorHandler for a failed login, and update() for later connections', async () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const user = generatePrivateKey('ssh-ed25519');
    const stranger = generatePrivateKey('ssh-ed25519');
    const errors: Error[] = [];
    const options = new SSHServerConnectionOptions({
      host: '127.0.0.1',
      port: 0,
      backlog: 5,
      serverHostKeys: [hostKey],
      authorizedClientKeys: dec(user.exportPublicKey('openssh')),
      maxAuthAttempts: 1,
      processFactory: (proc) => {
        proc.stdout.write('first\n');
        proc.exit(0);
      },
    });
    await using acceptor = await listen({ options, errorHandler: (_conn, err) => errors.push(err) });
    const port = acceptor.getPort();
    const ssh = (key: typeof user) =>
      runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(key.exportPrivateKey('openssh')),
        command: 'x',
      });
    expect((await ssh(user)).stdout).toBe('first\n');
    expect((await ssh(stranger)).code).not.toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.length).toBeGreaterThan(0);
    acceptor.update({
      processFactory: (proc) => {
        proc.stdout.write('after update\n');
        proc.exit(0);
      },
    });
    expect((await ssh(user)).stdout).toBe('after update\n');
  });
});
