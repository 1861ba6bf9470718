import net from 'node:net';
import {
  GENERATIONS,
  makePeerWorkdir,
  missingPeer,
  peerHost,
  type RunningServer,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelListenError,
  createServer,
  createUnixServer,
  openUnixConnection,
  type SSHConnection,
  SSHTCPSession,
  startServer,
  startUnixServer,
} from '../../src/index.js';
import { connectTo } from './connect.js';

/** A TCP session that answers each chunk in upper case and ends when the client does. */
class Shout extends SSHTCPSession {
  private chan: { write(d: Uint8Array): void; getExtraInfo(n: string): unknown } | null = null;
  static peer: unknown;
  override connectionMade(chan: unknown): void {
    this.chan = chan as typeof this.chan;
    Shout.peer = this.chan?.getExtraInfo('remote_peername');
  }
  override dataReceived(data: string | Uint8Array): void {
    this.chan?.write(new TextEncoder().encode(new TextDecoder().decode(data as Uint8Array).toUpperCase()));
  }
}

/** Connect, send `text`, half-close, and collect the answer until the far side closes. */
function exchange(target: { port: number } | { path: string }, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = 'port' in target ? net.connect(target.port, '127.0.0.1') : net.connect(target.path);
    let got = '';
    sock.on('data', (d) => {
      got += d.toString();
    });
    sock.on('error', reject);
    sock.on('close', () => resolve(got));
    sock.end(text);
  });
}

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/sbin/sshd')
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`remote listeners through OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    beforeAll(async () => {
      server = await startOpenSshd({ generation });
      conn = await connectTo(server);
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
    });

    it('createServer on port 0: sshd picks the port, connections reach a session, close stops listening', async () => {
      const listener = await createServer(conn, () => new Shout(), '127.0.0.1', 0);
      const port = listener.getPort();
      expect(port).toBeGreaterThan(0);
      expect(await exchange({ port }, 'hello')).toBe('HELLO');
      expect(Shout.peer).toEqual(['127.0.0.1', expect.any(Number)]);
      listener.close();
      await listener.waitClosed();
      await expect(exchange({ port }, 'again')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('startServer: a (reader, writer) handler per connection; refusing one drops it', async () => {
      let n = 0;
      const listener = await startServer(
        conn,
        () =>
          ++n === 2
            ? false
            : async (reader, writer) => {
                const all = (await reader.read()) as Uint8Array;
                writer.write(new TextEncoder().encode(`${all.length} bytes`));
                writer.close();
              },
        '127.0.0.1',
        0,
      );
      const port = listener.getPort();
      expect(await exchange({ port }, 'x'.repeat(100_000))).toBe('100000 bytes');
      // sshd drops a connection whose channel open we refused: closed or reset, never answered.
      const refused = await exchange({ port }, 'refused').catch((e: NodeJS.ErrnoException) => e.code);
      expect(['', 'ECONNRESET']).toContain(refused);
      await listener[Symbol.asyncDispose]();
    });

    it('a refused tcpip-forward (the port is taken) is ChannelListenError', async () => {
      const first = await createServer(conn, () => new Shout(), '127.0.0.1', 0);
      await expect(
        createServer(conn, () => new Shout(), '127.0.0.1', first.getPort()),
      ).rejects.toBeInstanceOf(ChannelListenError);
      first.close();
      await first.waitClosed();
    });

    it('openUnixConnection: direct-streamlocal through sshd to a local UNIX socket', async () => {
      if (!host) return;
      const wd = makePeerWorkdir(host, 'direct-unix');
      const sock = wd.file('echo.sock');
      const echo = net.createServer((s) => s.pipe(s));
      await new Promise<void>((r) => echo.listen(sock.local, r));
      try {
        const [reader, writer] = await openUnixConnection(conn, sock.peer);
        writer.write(new TextEncoder().encode('through sshd'));
        expect(new TextDecoder().decode((await reader.readexactly(12)) as Uint8Array)).toBe('through sshd');
        writer.close();
        await writer.waitClosed();
      } finally {
        echo.close();
        wd.remove();
      }
    });

    it('createUnixServer and startUnixServer on a socket path sshd listens on', async () => {
      if (!host) return;
      const wd = makePeerWorkdir(host, 'listen-unix');
      try {
        const a = wd.file('a.sock');
        const listener = await createUnixServer(conn, () => new Shout(), a.peer);
        expect(listener.getPort()).toBe(0);
        expect(await exchange({ path: a.local }, 'unix')).toBe('UNIX');
        listener.close();
        await listener.waitClosed();
        const b = wd.file('b.sock');
        const streams = await startUnixServer(
          conn,
          () => async (reader, writer) => {
            writer.write((await reader.read()) as Uint8Array);
            writer.close();
          },
          b.peer,
        );
        expect(await exchange({ path: b.local }, 'echo')).toBe('echo');
        streams.close();
        await streams.waitClosed();
      } finally {
        wd.remove();
      }
    });
  });
}
