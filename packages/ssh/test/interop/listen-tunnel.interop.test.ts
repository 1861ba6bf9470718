import { spawnSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import {
  hasAsyncSsh,
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  listen,
  listenReverse,
  type SSHClientConnection,
  type SSHServerProcess,
} from '../../src/index.js';
import { CONNECT_REVERSE, runPython } from './python.js';

// listen/listenReverse through a tunnel (a tcpip-forward listener that sshd
// opens for our client connection), listenSsh/listenReverseSsh, and the
// listen/connect address options flags, reuseAddress and reusePort.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const present = peerHost('debian12')?.has('/usr/sbin/sshd') && hasAsyncSsh('debian12');
const skip = present
  ? false
  : missingPeer('OpenSSH sshd/ssh and AsyncSSH', 'apt-get install openssh-server python3-asyncssh').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-listen-tunnel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const userKey = generatePrivateKey('ssh-ed25519');
const hostLine = dec(hostKey.exportPublicKey('openssh')).trim();
const hostKeyFile = path.join(dir, 'host_key');
const authorizedFile = path.join(dir, 'authorized_keys');
writeFileSync(hostKeyFile, hostKey.exportPrivateKey('openssh'), { mode: 0o600 });
writeFileSync(authorizedFile, userKey.exportPublicKey('openssh'));

const serverOptions = {
  serverHostKeys: [hostKey],
  authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
  processFactory: (proc: SSHServerProcess) => {
    proc.stdout.write(`served: ${proc.command}\n`);
    proc.exit(0);
  },
};

/** OpenSSH ssh runs `command` against our server on 127.0.0.1:port. */
function sshTo(port: number, command: string) {
  return runOpenSshClient({
    generation: 'debian12',
    port,
    knownHosts: `[127.0.0.1]:${port} ${hostLine}\n`,
    identity: dec(userKey.exportPrivateKey('openssh')),
    command,
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe.skipIf(skip)('listening through a tunnel, and the address options', () => {
  let sshd: RunningServer;
  let conn: SSHClientConnection;
  let clientOptions: { port: number; username: string; clientKeys: string[]; knownHosts: string };

  beforeAll(async () => {
    sshd = await startOpenSshd({ generation: 'debian12' });
    clientOptions = {
      port: sshd.port,
      username: sshd.user,
      clientKeys: [sshd.clientKey.path],
      knownHosts: sshd.knownHostsPath,
    };
    conn = await connect('127.0.0.1', clientOptions);
  });
  afterAll(async () => {
    conn?.close();
    await sshd?.stop();
  });

  it('listen({tunnel}) serves on a port sshd listens on: OpenSSH ssh reaches our server there', async () => {
    const acc = await listen({ ...serverOptions, tunnel: conn, host: '127.0.0.1', port: 0 });
    const port = acc.getPort();
    expect(port).toBeGreaterThan(0);
    expect(acc.getAddresses()).toEqual([['127.0.0.1', port]]);
    expect(acc.servers).toEqual([]);
    const run = await sshTo(port, 'through sshd');
    expect(run.stdout).toBe('served: through sshd\n');
    expect(run.code).toBe(0);
    acc.close();
    await acc.waitClosed();
    expect(acc.getAddresses()).toEqual([]);
    expect(await accepts(port)).toBe(false);
  });

  it('listenSsh is listen through this connection; the peer address is the one sshd reports', async () => {
    const peers: unknown[] = [];
    await using acc = await conn.listenSsh('127.0.0.1', {
      ...serverOptions,
      port: 0,
      acceptor: (c) => {
        peers.push(c.getExtraInfo('peername'));
      },
    });
    const run = await sshTo(acc.getPort(), 'listenSsh');
    expect(run.stdout).toBe('served: listenSsh\n');
    expect(peers).toHaveLength(1);
    expect((peers[0] as [string, number])[0]).toBe('127.0.0.1');
  });

  /** Start AsyncSSH connect_reverse to `port` and wait for it to finish. */
  async function asyncSshDialsIn(port: number): Promise<string[]> {
    const lines: string[] = [];
    const py = runPython(dir, CONNECT_REVERSE, [String(port), hostKeyFile, authorizedFile], (l) =>
      lines.push(l),
    );
    const code = await py.exited;
    if (code !== 0) throw new Error(`AsyncSSH connect_reverse exited ${code}: ${py.stderr()}`);
    return lines;
  }

  it('listenReverseSsh: AsyncSSH connect_reverse dials the port sshd opened and our reverse client runs a command', async () => {
    const results: string[] = [];
    await using acc = await conn.listenReverseSsh('127.0.0.1', {
      port: 0,
      username: 'tester',
      clientKeys: [userKey],
      knownHosts: null,
      config: null,
      acceptor: async (c) => {
        const r = await c.run('over the tunnel');
        results.push(`${String(r.stdout).trim()} ${r.exitStatus}`);
        c.close();
      },
    });
    expect(await asyncSshDialsIn(acc.getPort())).toEqual(['CLOSED']);
    expect(results).toEqual(['asyncssh ran: over the tunnel 5']);
  });

  it('listenReverse({tunnel: "host"}) connects that jump host with settings from the ssh_config file', async () => {
    const config = path.join(dir, 'jump_config');
    writeFileSync(
      config,
      [
        'Host jumphost',
        '  HostName 127.0.0.1',
        `  Port ${sshd.port}`,
        `  User ${sshd.user}`,
        `  IdentityFile ${sshd.clientKey.path}`,
        `  UserKnownHostsFile ${sshd.knownHostsPath}`,
        '  StrictHostKeyChecking yes',
        '',
      ].join('\n'),
    );
    const results: string[] = [];
    const acc = await listenReverse({
      tunnel: 'jumphost',
      config: [config],
      host: '127.0.0.1',
      port: 0,
      username: 'tester',
      clientKeys: [userKey],
      knownHosts: null,
      acceptor: async (c) => {
        results.push(String((await c.run('jump')).stdout).trim());
        c.close();
      },
    });
    expect(await asyncSshDialsIn(acc.getPort())).toEqual(['CLOSED']);
    expect(results).toEqual(['asyncssh ran: jump']);
    const port = acc.getPort();
    acc.close();
    await acc.waitClosed();
    expect(await accepts(port)).toBe(false);
  });

  it('flags: dns.V4MAPPED lets family 6 reach and serve on an IPv4-only name; unknown bits are a TypeError', async () => {
    const knownHosts = path.join(dir, 'localhost_known_hosts');
    const sshdLine = sshd.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `[localhost]:${sshd.port} ${sshdLine}\n`);
    const opts = { ...clientOptions, knownHosts, config: null };
    // /etc/hosts names localhost as 127.0.0.1 only: as IPv6 it exists only v4-mapped.
    await expect(connect('localhost', { ...opts, family: 6 })).rejects.toThrow(/ENOTFOUND|cannot connect/);
    await using mapped = await connect('localhost', { ...opts, family: 6, flags: dns.V4MAPPED });
    expect((mapped.getExtraInfo('peername') as [string, number])[0]).toBe('::ffff:127.0.0.1');
    expect(String((await mapped.run('echo mapped')).stdout)).toBe('mapped\n');

    await using acc = await listen({
      ...serverOptions,
      host: 'localhost',
      family: 6,
      flags: dns.V4MAPPED,
      port: 0,
    });
    expect(acc.getAddresses()).toEqual([['::ffff:127.0.0.1', acc.getPort()]]);
    expect((await sshTo(acc.getPort(), 'v4 mapped')).stdout).toBe('served: v4 mapped\n');

    await expect(connect('localhost', { ...opts, flags: 4 })).rejects.toThrow(/option "flags"/);
    await expect(listen({ ...serverOptions, port: 0, flags: 4 })).rejects.toThrow(/option "flags"/);
  });

  it('reuseAddress: a port with our side of a connection in TIME_WAIT can be listened on again', async () => {
    const acc = await listen({ ...serverOptions, host: '127.0.0.1', port: 0, reuseAddress: true });
    const port = acc.getPort();
    // A client that sends HTTP instead of an SSH version: our server closes first, so the
    // TIME_WAIT socket holds our port.
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('GET / HTTP/1.0\r\n\r\n'));
      s.on('data', () => {});
      s.once('close', () => resolve());
    });
    acc.close();
    await acc.waitClosed();
    const ss = spawnSync('ss', ['-Htan', 'state', 'time-wait', `( sport = :${port} )`], { encoding: 'utf8' });
    expect(ss.stdout).toContain(`127.0.0.1:${port}`);
    await using again = await listen({ ...serverOptions, host: '127.0.0.1', port, reuseAddress: true });
    expect(again.getPort()).toBe(port);
    expect((await sshTo(port, 'again')).stdout).toBe('served: again\n');
    await expect(listen({ ...serverOptions, port: 0, reuseAddress: false })).rejects.toThrow(
      /option "reuseAddress"/,
    );
  });

  it('reusePort: two listeners share a port where Node has SO_REUSEPORT; on older Node a TypeError says so', async () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const supported = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
    if (!supported) {
      await expect(listen({ ...serverOptions, host: '127.0.0.1', port: 0, reusePort: true })).rejects.toThrow(
        /option "reusePort" needs Node 22.12/,
      );
      return;
    }
    await using a = await listen({ ...serverOptions, host: '127.0.0.1', port: 0, reusePort: true });
    await using b = await listen({ ...serverOptions, host: '127.0.0.1', port: a.getPort(), reusePort: true });
    expect(b.getPort()).toBe(a.getPort());
    expect((await sshTo(a.getPort(), 'shared')).stdout).toBe('served: shared\n');
  });
});
