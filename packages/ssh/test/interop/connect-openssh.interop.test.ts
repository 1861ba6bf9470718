import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GENERATIONS,
  missingPeer,
  peerHost,
  type RunningServer,
  sshKeygen,
  startOpenSshd,
} from '@ssh/testing';
import { ConnectionLost, HostKeyNotVerifiable, ProtocolError } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/connect.js';

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`connect() to OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startOpenSshd({ generation });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('runs commands, with exit status, stderr and stdin, checking the host key in known_hosts', async () => {
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: 'root',
        clientKeys: [server.clientKey.path],
        knownHosts: server.knownHostsPath,
      });
      const r = await conn.run('echo out; echo err >&2; exit 3');
      expect(r.stdout).toBe('out\n');
      expect(r.stderr).toBe('err\n');
      expect(r.exitStatus).toBe(3);
      const wc = await conn.run('wc -c', { input: 'y'.repeat(50_000) });
      expect(String(wc.stdout).trim()).toBe('50000');
      await expect(conn.run('false', { check: true })).rejects.toThrow(/exited with status 1/);
      expect(conn.getExtraInfo('server_version')).toMatch(/^SSH-2\.0-OpenSSH_/);
    });

    it('sends keepalives that sshd answers', async () => {
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: 'root',
        clientKeys: [server.clientKey.path],
        knownHosts: server.knownHostsPath,
        keepaliveInterval: 0.1,
        keepaliveCountMax: 2,
      });
      // Unanswered, two misses would close the connection after ~0.3 s; sshd's replies keep it open.
      await new Promise((r) => setTimeout(r, 800));
      expect(conn.isClosed()).toBe(false);
      expect((await conn.run('echo still here')).stdout).toBe('still here\n');
    });

    it('refuses a host key that known_hosts does not list, leaving nothing open', async () => {
      const other = path.join(server.workdir.local, 'other_known_hosts');
      writeFileSync(
        other,
        `[127.0.0.1]:${server.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOr3ZYbm9rFWhCmWxmQDb6bzgMl2ABDNY7MchIBPNr8x\n`,
      );
      const before = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
      await expect(
        connect('127.0.0.1', {
          port: server.port,
          username: 'root',
          clientKeys: [server.clientKey.path],
          knownHosts: other,
        }),
      ).rejects.toThrow(HostKeyNotVerifiable);
      await new Promise((r) => setTimeout(r, 50));
      expect(
        process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length,
      ).toBeLessThanOrEqual(before);
    });
  });
}

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`connect() to OpenSSH sshd (${generation}) with a host certificate`, () => {
    let server: RunningServer;
    let dir: string;
    let caLine: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'host-ca-'));
      const ca = sshKeygen('ed25519', path.join(dir, 'host_ca'));
      caLine = ca.publicLine.split(' ').slice(0, 2).join(' ');
      server = await startOpenSshd({
        generation,
        hostCertificateCa: { keyPath: ca.path, principals: '127.0.0.1,localhost' },
      });
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('trusts a host certificate signed by a @cert-authority CA, and only for its names', async () => {
      const kh = path.join(dir, 'known_hosts');
      writeFileSync(kh, `@cert-authority [127.0.0.1]:${server.port},[localhost]:${server.port} ${caLine}\n`);
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: 'root',
        clientKeys: [server.clientKey.path],
        knownHosts: kh,
      });
      expect(conn.transport.algorithms?.hostKey).toMatch(/-cert-v01@openssh\.com$/);
      expect((await conn.run('echo certified')).stdout).toBe('certified\n');
      // A CA line for another name does not vouch for 127.0.0.1.
      writeFileSync(kh, `@cert-authority [127.0.0.1]:${server.port} ${caLine}\n`);
      const wrongName = await connect('localhost', {
        port: server.port,
        username: 'root',
        clientKeys: [server.clientKey.path],
        knownHosts: kh,
      }).catch((e: unknown) => e);
      expect(wrongName).toBeInstanceOf(HostKeyNotVerifiable);
    });
  });
}

describe('connect() errors before or instead of a connection', () => {
  it('unknown or wrongly typed options are a TypeError naming the option', async () => {
    await expect(connect('127.0.0.1', { prot: 22 } as never)).rejects.toThrow(/unknown option "prot"/);
    await expect(connect('127.0.0.1', { port: 'x' } as never)).rejects.toThrow(/"port"/);
  });

  it('nothing listening is ConnectionLost', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    await expect(connect('127.0.0.1', { port, knownHosts: null, clientKeys: null })).rejects.toThrow(
      ConnectionLost,
    );
  });

  it('an HTTP server is a ProtocolError', async () => {
    const srv = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const err = await connect('127.0.0.1', { port, knownHosts: null, clientKeys: null }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProtocolError);
    expect(String(err)).toMatch(/not an SSH server: it sent "HTTP\/1.1 400 Bad Request"/);
    srv.close();
  });

  it('an AbortSignal cancels the attempt', async () => {
    const srv = net.createServer(() => undefined);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('user gave up')), 100);
    await expect(
      connect('127.0.0.1', { port, knownHosts: null, clientKeys: null, signal: ac.signal }),
    ).rejects.toThrow(/user gave up/);
    srv.close();
  });
});

describe('keepalive against a server that stops answering', () => {
  it('closes the connection after keepaliveCountMax misses', async () => {
    const { generatePrivateKey } = await import('@ssh/crypto');
    const { listen } = await import('../../src/server/listen.js');
    const hostKey = generatePrivateKey('ssh-ed25519');
    const user = generatePrivateKey('ssh-ed25519');
    const acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: new TextDecoder().decode(user.exportPublicKey('openssh')),
    });
    const conn = await connect('127.0.0.1', {
      port: acceptor.port,
      username: 'u',
      clientKeys: [user],
      knownHosts: null,
    });
    // Drop the server's replies as they arrive, as if the peer had vanished.
    conn.transport.setMessageHandler(() => undefined);
    conn.setKeepalive(0.05, 2);
    await conn.waitClosed();
    expect(conn.isClosed()).toBe(true);
    acceptor.close();
  });
});
