import type { SSHConnection } from '@ssh/channels';
import {
  freePort,
  GENERATIONS,
  hasAsyncSsh,
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startAsyncSshServer,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardLocalPath,
  forwardLocalPort,
  forwardRemotePath,
  forwardRemotePort,
  forwardSocks,
} from '../../src/index.js';
import { loginTo } from '../connect.js';
import { exchange, pattern, sha256, startDigest, startEcho } from '../sockets.js';

/** An SSHServer class (a Python expression) that allows every kind of TCP and UNIX forwarding. */
const PERMISSIVE = `type('Forwarding', (asyncssh.SSHServer,), {
  'connection_requested': lambda self, *a: True,
  'server_requested': lambda self, *a: True,
  'unix_connection_requested': lambda self, *a: True,
  'unix_server_requested': lambda self, *a: True,
})`;

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`forwarding through an AsyncSSH server (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let echo: Awaited<ReturnType<typeof startEcho>>;
    let wd: PeerWorkdir;

    beforeAll(async () => {
      const host = peerHost(generation);
      if (!host) return;
      server = await startAsyncSshServer({ generation, listenOptions: { server_factory: PERMISSIVE } });
      conn = await loginTo(server);
      echo = await startEcho();
      wd = makePeerWorkdir(host, 'fwd-asyncssh');
    });
    afterAll(async () => {
      conn?.close();
      await echo?.close();
      await server?.stop();
      wd?.remove();
    });

    it('forwardLocalPort: 2 MiB echoed intact; half-close reaches a digest server', async () => {
      await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
      const payload = pattern(2 * 1024 * 1024 + 9);
      const got = await exchange({ port: listener.getPort() }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
      const digest = await startDigest();
      try {
        await using toDigest = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', digest.port);
        expect((await exchange({ port: toDigest.getPort() }, payload)).data.toString()).toBe(sha256(payload));
      } finally {
        await digest.close();
      }
    });

    it('forwardRemotePort: AsyncSSH listens and connections come back', async () => {
      // AsyncSSH 2.10 names port 0 (not the port it picked) in forwarded-tcpip for a dynamic
      // listener, so that generation gets a fixed port; 2.20 picks one.
      const asked = generation === 'debian12' ? await freePort() : 0;
      await using listener = await forwardRemotePort(conn, '127.0.0.1', asked, '127.0.0.1', echo.port);
      expect(listener.getPort()).toBeGreaterThan(0);
      if (asked) expect(listener.getPort()).toBe(asked);
      const payload = pattern(1024 * 1024 + 1);
      const got = await exchange({ port: listener.getPort() }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });

    it('forwardLocalPath and forwardRemotePath over UNIX sockets', async () => {
      const unixEcho = await startEcho(wd.file('echo.sock').local);
      try {
        const listenPath = wd.file('local.sock').local;
        await using local = await forwardLocalPath(conn, listenPath, wd.file('echo.sock').peer);
        expect(local.getAddresses()).toEqual([[listenPath, 0]]);
        expect((await exchange({ path: listenPath }, Buffer.from('unix local'))).data.toString()).toBe(
          'unix local',
        );
        const remote = wd.file('remote.sock');
        await using listener = await forwardRemotePath(conn, remote.peer, wd.file('echo.sock').local);
        expect(listener.getPort()).toBe(0);
        expect((await exchange({ path: remote.local }, Buffer.from('unix remote'))).data.toString()).toBe(
          'unix remote',
        );
      } finally {
        await unixEcho.close();
      }
    });

    it('forwardSocks: a SOCKS5 request with a host name through AsyncSSH', async () => {
      await using socks = await forwardSocks(conn, '127.0.0.1', 0);
      const port = echo.port;
      const net = await import('node:net');
      const got = await new Promise<Buffer>((resolve, reject) => {
        const s = net.connect({ port: socks.getPort(), host: '127.0.0.1' });
        const chunks: Buffer[] = [];
        let stage = 0;
        s.on('connect', () => s.write(Uint8Array.of(5, 1, 0)));
        s.on('data', (d: Buffer) => {
          chunks.push(d);
          if (stage === 0)
            s.write(Uint8Array.of(5, 1, 0, 3, 9, ...Buffer.from('localhost'), port >> 8, port & 255));
          else if (stage === 1) s.end('socks via asyncssh');
          stage++;
        });
        s.on('error', reject);
        s.on('close', () => resolve(Buffer.concat(chunks)));
      });
      expect([...got.subarray(0, 4)]).toEqual([5, 0, 5, 0]);
      expect(got.subarray(12).toString()).toBe('socks via asyncssh');
    });
  });
}
