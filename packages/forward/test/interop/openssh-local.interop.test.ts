import net from 'node:net';
import type { SSHConnection } from '@ssh/channels';
import {
  GENERATIONS,
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardLocalPath,
  forwardLocalPathToPort,
  forwardLocalPort,
  forwardLocalPortToPath,
  type LocalForwardListener,
} from '../../src/index.js';
import { loginTo } from '../connect.js';
import { exchange, pattern, sha256, startDigest, startEcho } from '../sockets.js';

const MiB = 1 << 20;

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/sbin/sshd')
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;

  describe.skipIf(skip)(`local forwarding through OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let echo: Awaited<ReturnType<typeof startEcho>>;
    let wd: PeerWorkdir;
    let unixEcho: Awaited<ReturnType<typeof startEcho>>;
    let unixPeerPath: string;

    beforeAll(async () => {
      if (!host) return;
      server = await startOpenSshd({ generation });
      conn = await loginTo(server);
      echo = await startEcho();
      wd = makePeerWorkdir(host, 'fwd-local');
      unixPeerPath = wd.file('echo.sock').peer;
      unixEcho = await startEcho(wd.file('echo.sock').local);
    });
    afterAll(async () => {
      conn?.close();
      await echo?.close();
      await unixEcho?.close();
      await server?.stop();
      wd?.remove();
    });

    it('forwardLocalPort on port 0: 4 MiB echoed back through sshd intact, EOF passed both ways', async () => {
      const listener: LocalForwardListener = await forwardLocalPort(
        conn,
        '127.0.0.1',
        0,
        '127.0.0.1',
        echo.port,
      );
      const port = listener.getPort();
      expect(port).toBeGreaterThan(0);
      expect(listener.getAddresses()).toEqual([['127.0.0.1', port]]);
      const payload = pattern(4 * MiB);
      const got = await exchange({ port }, payload);
      expect(got.error).toBeUndefined();
      expect(got.data.length).toBe(payload.length);
      expect(sha256(got.data)).toBe(sha256(payload));
      listener.close();
      await listener.waitClosed();
      expect((await exchange({ port }, Buffer.from('x'))).error).toBe('ECONNREFUSED');
    });

    it('half-close: the destination answers only after our EOF reached it; a slow reader is waited for', async () => {
      const digest = await startDigest(undefined, true);
      try {
        await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', digest.port);
        const payload = pattern(2 * MiB + 1);
        const got = await exchange({ port: listener.getPort() }, payload);
        expect(got.data.toString()).toBe(sha256(payload));
      } finally {
        await digest.close();
      }
    });

    it('several connections at once through one forwardLocalPort listener', async () => {
      await using listener = await forwardLocalPort(conn, 'localhost', 0, '127.0.0.1', echo.port);
      const port = listener.getPort();
      for (const [, p] of listener.getAddresses()) expect(p).toBe(port);
      const payloads = [1, 2, 3].map((k) => pattern(k * 300_000 + k));
      const results = await Promise.all(payloads.map((p) => exchange({ port }, p)));
      results.forEach((r, i) => {
        expect(sha256(r.data)).toBe(sha256(payloads[i] as Buffer));
      });
    });

    it('accept handler sees the originator and can refuse a connection', async () => {
      const seen: [string, number][] = [];
      await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port, {
        acceptHandler: async (origHost, origPort) => {
          seen.push([origHost, origPort]);
          return seen.length !== 2;
        },
      });
      const port = listener.getPort();
      expect((await exchange({ port }, Buffer.from('first'))).data.toString()).toBe('first');
      const refused = await exchange({ port }, Buffer.from('second'));
      expect(refused.data.length).toBe(0);
      expect((await exchange({ port }, Buffer.from('third'))).data.toString()).toBe('third');
      expect(seen[0]?.[0]).toBe('127.0.0.1');
      expect(seen[0]?.[1]).toBeGreaterThan(0);
    });

    it('a destination nobody listens on: sshd refuses the channel and the local socket is closed', async () => {
      const dead = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const a = s.address();
          s.close(() => resolve(a && typeof a === 'object' ? a.port : 0));
        });
      });
      await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', dead);
      const got = await exchange({ port: listener.getPort() }, Buffer.from('anyone?'));
      expect(got.data.length).toBe(0);
      // The connection is still usable afterwards.
      await using again = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
      expect((await exchange({ port: again.getPort() }, Buffer.from('ok'))).data.toString()).toBe('ok');
    });

    it('an accept handler that throws drops that connection only', async () => {
      let n = 0;
      await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port, {
        acceptHandler: () => {
          if (++n === 1) throw new Error('handler failed');
          return true;
        },
      });
      expect((await exchange({ port: listener.getPort() }, Buffer.from('dropped'))).data.length).toBe(0);
      expect((await exchange({ port: listener.getPort() }, Buffer.from('kept'))).data.toString()).toBe(
        'kept',
      );
    });

    it('a UNIX socket path already in use rejects with EADDRINUSE', async () => {
      const listenPath = `${wd.local}/taken.sock`;
      await using first = await forwardLocalPath(conn, listenPath, unixPeerPath);
      await expect(forwardLocalPath(conn, listenPath, unixPeerPath)).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
      expect(first.getAddresses()).toEqual([[listenPath, 0]]);
    });

    it('a port already in use rejects with EADDRINUSE; a bad port is a typed error', async () => {
      await using first = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
      await expect(
        forwardLocalPort(conn, '127.0.0.1', first.getPort(), '127.0.0.1', echo.port),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await expect(forwardLocalPort(conn, '127.0.0.1', 70000, '127.0.0.1', 1)).rejects.toThrow(/listen port/);
      await expect(forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', -1)).rejects.toThrow(
        /destination port/,
      );
    });

    it('forwardLocalPath: a local UNIX socket to a UNIX socket on the server', async () => {
      const listenPath = `${wd.local}/local-a.sock`;
      await using listener = await forwardLocalPath(conn, listenPath, unixPeerPath);
      expect(listener.getPort()).toBe(0);
      expect(listener.getAddresses()).toEqual([[listenPath, 0]]);
      const payload = pattern(MiB + 17);
      const got = await exchange({ path: listenPath }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });

    it('forwardLocalPortToPath: a local TCP port to a UNIX socket on the server', async () => {
      await using listener = await forwardLocalPortToPath(conn, '127.0.0.1', 0, unixPeerPath);
      const payload = pattern(MiB + 3);
      const got = await exchange({ port: listener.getPort() }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });

    it('forwardLocalPathToPort: a local UNIX socket to a TCP port reached by the server', async () => {
      const listenPath = `${wd.local}/local-b.sock`;
      await using listener = await forwardLocalPathToPort(conn, listenPath, '127.0.0.1', echo.port);
      expect(listener.getAddresses()).toEqual([[listenPath, 0]]);
      const payload = pattern(MiB + 5);
      const got = await exchange({ path: listenPath }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });
  });
}
