import { ChannelListenError, type SSHConnection } from '@ssh/channels';
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
  forwardLocalPort,
  forwardRemotePath,
  forwardRemotePathToPort,
  forwardRemotePort,
  forwardRemotePortToPath,
  type RemoteForwardListener,
} from '../../src/index.js';
import { loginTo } from '../connect.js';
import { exchange, pattern, sha256, startDigest, startEcho } from '../sockets.js';

const MiB = 1 << 20;

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/sbin/sshd')
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;

  describe.skipIf(skip)(`remote forwarding through OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let echo: Awaited<ReturnType<typeof startEcho>>;
    let wd: PeerWorkdir;
    let unixEcho: Awaited<ReturnType<typeof startEcho>>;
    let unixEchoPath: string;

    beforeAll(async () => {
      if (!host) return;
      server = await startOpenSshd({ generation, config: ['StreamLocalBindUnlink yes'] });
      conn = await loginTo(server);
      echo = await startEcho();
      wd = makePeerWorkdir(host, 'fwd-remote');
      unixEchoPath = wd.file('local-echo.sock').local;
      unixEcho = await startEcho(unixEchoPath);
    });
    afterAll(async () => {
      conn?.close();
      await echo?.close();
      await unixEcho?.close();
      await server?.stop();
      wd?.remove();
    });

    it('forwardRemotePort on port 0: sshd picks the port, 4 MiB comes back intact, close stops it', async () => {
      const listener: RemoteForwardListener = await forwardRemotePort(
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
      expect(got.data.length).toBe(payload.length);
      expect(sha256(got.data)).toBe(sha256(payload));
      listener.close();
      await listener.waitClosed();
      expect((await exchange({ port }, Buffer.from('x'))).error).toBe('ECONNREFUSED');
    });

    it('half-close through a remote forward: the local destination answers after EOF, read slowly', async () => {
      const digest = await startDigest(undefined, true);
      try {
        await using listener = await forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', digest.port);
        const payload = pattern(2 * MiB + 7);
        const got = await exchange({ port: listener.getPort() }, payload);
        expect(got.data.toString()).toBe(sha256(payload));
      } finally {
        await digest.close();
      }
    });

    it('forwardRemotePort to a local port nobody listens on: the connection sshd accepted is dropped', async () => {
      const dead = await startEcho();
      const deadPort = dead.port;
      await dead.close();
      await using listener = await forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', deadPort);
      const got = await exchange({ port: listener.getPort() }, Buffer.from('hello?'));
      expect(got.data.length).toBe(0);
      // Still usable.
      await using ok = await forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
      expect((await exchange({ port: ok.getPort() }, Buffer.from('fine'))).data.toString()).toBe('fine');
    });

    it('a port sshd cannot bind (already forwarded) is ChannelListenError', async () => {
      await using first = await forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
      await expect(
        forwardRemotePort(conn, '127.0.0.1', first.getPort(), '127.0.0.1', echo.port),
      ).rejects.toBeInstanceOf(ChannelListenError);
    });

    it('forwardRemotePath: a UNIX socket on the server to a local UNIX socket', async () => {
      const remote = wd.file('remote-a.sock');
      await using listener = await forwardRemotePath(conn, remote.peer, unixEchoPath);
      expect(listener.getPort()).toBe(0);
      expect(listener.getAddresses()).toEqual([[remote.peer, 0]]);
      const payload = pattern(MiB + 11);
      const got = await exchange({ path: remote.local }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });

    it('forwardRemotePortToPath: a TCP port on the server to a local UNIX socket', async () => {
      await using listener = await forwardRemotePortToPath(conn, '127.0.0.1', 0, unixEchoPath);
      const payload = pattern(MiB + 13);
      const got = await exchange({ port: listener.getPort() }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });

    it('forwardRemotePathToPort: a UNIX socket on the server to a local TCP port', async () => {
      const remote = wd.file('remote-b.sock');
      await using listener = await forwardRemotePathToPort(conn, remote.peer, '127.0.0.1', echo.port);
      expect(listener.getAddresses()).toEqual([[remote.peer, 0]]);
      const payload = pattern(MiB + 19);
      const got = await exchange({ path: remote.local }, payload);
      expect(sha256(got.data)).toBe(sha256(payload));
    });
  });

  describe.skipIf(skip)(`forwarding refused by OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let wd: PeerWorkdir;
    beforeAll(async () => {
      if (!host) return;
      server = await startOpenSshd({
        generation,
        config: ['AllowTcpForwarding no', 'AllowStreamLocalForwarding no'],
      });
      conn = await loginTo(server);
      wd = makePeerWorkdir(host, 'fwd-refused');
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
      wd?.remove();
    });

    it('forwardRemotePort and forwardRemotePath reject with ChannelListenError', async () => {
      await expect(forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', 1)).rejects.toBeInstanceOf(
        ChannelListenError,
      );
      await expect(forwardRemotePath(conn, wd.file('x.sock').peer, '/nonexistent')).rejects.toBeInstanceOf(
        ChannelListenError,
      );
    });

    it('forwardLocalPort: sshd refuses the direct-tcpip channel, the local socket is closed cleanly', async () => {
      const echo = await startEcho();
      try {
        await using listener = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
        const got = await exchange({ port: listener.getPort() }, Buffer.from('blocked'));
        expect(got.data.length).toBe(0);
      } finally {
        await echo.close();
      }
    });
  });
}
