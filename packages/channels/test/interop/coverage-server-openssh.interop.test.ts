import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptTunnels,
  type ChannelData,
  createTcpChannel,
  createUnixConnection,
  type SSHConnection,
  SSHUNIXSession,
} from '../../src/index.js';
import { startOurServer } from './our-server.js';

// Our server opening and answering tunnels for OpenSSH's `ssh` (Debian 12's): a
// direct-tcpip channel built with createTcpChannel for `ssh -W`, and a forwarded-streamlocal
// channel our server opens with createUnixConnection for `ssh -R socket:socket`.

const dec = new TextDecoder();

/** Collects what comes back on a UNIX socket tunnel our server opened. */
class UnixCollector extends SSHUNIXSession {
  text = '';
  started = false;
  ended!: Promise<void>;
  private finish!: () => void;
  constructor() {
    super();
    this.ended = new Promise((r) => {
      this.finish = r;
    });
  }
  override sessionStarted(): void {
    this.started = true;
  }
  override dataReceived(data: ChannelData): void {
    this.text += dec.decode(data as Uint8Array);
  }
  override connectionLost(): void {
    this.finish();
  }
}

const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh (debian12)', 'apt-get install openssh-client').skip;

describe.skipIf(skip)("OpenSSH's ssh through our server's tunnels", () => {
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let dir: string;
  let unixDone: Promise<string>;
  let reportUnix!: (s: string) => void;
  const tcpRequests: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssh-cov-srv-'));
    unixDone = new Promise((r) => {
      reportUnix = r;
    });
    server = await startOurServer(
      {
        processFactory: async (p) => {
          // `ssh -R` runs this command; it ends once the tunnel has done its round trip.
          p.stdout.write(`${await unixDone}\n`);
          p.exit(0);
        },
      },
      {
        onConnection: (conn: SSHConnection) => {
          // ssh -W: a TCP channel with its own text encoding, answered in stream form.
          acceptTunnels(conn, 'direct-tcpip', (req) => {
            tcpRequests.push(`${req.host}:${req.port}`);
            const channel = createTcpChannel(conn, { encoding: 'utf-8' });
            return [
              channel,
              async (reader, writer) => {
                const input = await reader.read();
                writer.write(`héllo ${req.host}:${req.port} got ${JSON.stringify(input)}\n`);
                writer.close();
              },
            ];
          });
          // ssh -R path:path: accept the listen request, then open a connection back at once.
          conn.registerGlobalRequest('streamlocal-forward@openssh.com', (r) => {
            const path = r.readUtf8('socket path');
            setTimeout(() => {
              void createUnixConnection(conn, () => new UnixCollector(), path).then(
                async ([chan, session]) => {
                  chan.write(new TextEncoder().encode('ping over unix\n'));
                  chan.writeEof();
                  await session.ended;
                  reportUnix(`${session.started} ${chan.getExtraInfo('remote_peername')} ${session.text}`);
                },
                (err: Error) => reportUnix(`failed ${err.message}`),
              );
            });
            return true;
          });
          conn.registerGlobalRequest('cancel-streamlocal-forward@openssh.com', () => true);
        },
      },
    );
  });
  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const identity = () => dec.decode(server.userKey.exportPrivateKey('openssh'));

  it('createTcpChannel: a direct-tcpip channel with its own encoding answers ssh -W', async () => {
    const r = await runOpenSshClient({
      port: server.port,
      knownHosts: server.knownHosts,
      identity: identity(),
      extraArgs: ['-W', 'example.test:4242'],
    });
    expect(tcpRequests).toEqual(['example.test:4242']);
    // The reader gave text (the channel's encoding), and the text written went out as UTF-8.
    expect(r.stdout).toBe('héllo example.test:4242 got ""\n');
    expect(r.code).toBe(0);
  });

  it('SSHServerConnection createUnixConnection: forwarded-streamlocal to ssh -R, which relays to its local socket', async () => {
    const local = join(dir, 'local.sock');
    const echo = net.createServer((sock) => {
      sock.on('data', (d) => sock.write(`echo: ${d.toString()}`));
      sock.on('end', () => sock.end());
    });
    await new Promise<void>((r) => echo.listen(local, r));
    try {
      const remote = join(dir, 'remote.sock');
      const r = await runOpenSshClient({
        port: server.port,
        knownHosts: server.knownHosts,
        identity: identity(),
        options: ['ExitOnForwardFailure=yes'],
        extraArgs: ['-R', `${remote}:${local}`],
        command: 'wait',
      });
      expect(r.stdout).toBe(`true ${remote} echo: ping over unix\n\n`);
      expect(r.code).toBe(0);
    } finally {
      echo.close();
    }
  });
});
