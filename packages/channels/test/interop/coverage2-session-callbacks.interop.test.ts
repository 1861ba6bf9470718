import { missingPeer, peerHost, type RunningServer, runOpenSshClient, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptSessions,
  type ChannelData,
  createServerChannel,
  createSession,
  SSHClientSession,
  type SSHConnection,
  type SSHServerChannel,
  SSHServerSession,
} from '../../src/index.js';
import { connectTo } from './connect.js';
import { startOurServer } from './our-server.js';

// Session handler callbacks seen from both ends with OpenSSH (Debian 12's): our server's
// SSHServerSession driven by `ssh`, and our client's SSHClientSession against sshd.

const enc = new TextEncoder();
const dec = new TextDecoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A shell handler: says when the shell starts and when the client's EOF arrives, then exits. */
class ShellHandler extends SSHServerSession {
  chan: SSHServerChannel | null = null;
  shells = 0;
  allowShell = true;
  override connectionMade(channel: unknown): void {
    this.chan = channel as SSHServerChannel;
  }
  override shellRequested(): boolean {
    this.shells += 1;
    return this.allowShell;
  }
  override sessionStarted(): void {
    this.chan?.write(enc.encode('shell started\n'));
  }
  override eofReceived(): boolean {
    this.chan?.write(enc.encode('eof seen\n'));
    this.chan?.exit(7);
    return false;
  }
}

const hasSsh = peerHost('debian12')?.has('/usr/bin/ssh');
const skipSsh = hasSsh ? false : missingPeer('OpenSSH ssh (debian12)', 'apt-get install openssh-client').skip;

describe.skipIf(skipSsh)("our SSHServerSession callbacks, driven by OpenSSH's ssh", () => {
  let server: Awaited<ReturnType<typeof startOurServer>>;
  const handlers: ShellHandler[] = [];
  let refuse = false;
  beforeAll(async () => {
    server = await startOurServer(
      {},
      {
        onConnection: (conn: SSHConnection) =>
          acceptSessions(conn, {
            sessionRequested: () => {
              const h = new ShellHandler();
              h.allowShell = !refuse;
              handlers.push(h);
              return [createServerChannel(conn, { encoding: null }), h];
            },
          }),
      },
    );
  });
  afterAll(() => server?.close());

  const identity = () => dec.decode(server.userKey.exportPrivateKey('openssh'));

  it('shellRequested accepts the shell ssh asks for; eofReceived gets the EOF of its empty stdin', async () => {
    refuse = false;
    const r = await runOpenSshClient({
      port: server.port,
      knownHosts: server.knownHosts,
      identity: identity(),
    });
    expect(r.stdout).toBe('shell started\neof seen\n');
    expect(r.code).toBe(7);
    expect(handlers.at(-1)?.shells).toBe(1);
  });

  it('shellRequested returning false makes ssh report the refused shell request', async () => {
    refuse = true;
    const r = await runOpenSshClient({
      port: server.port,
      knownHosts: server.knownHosts,
      identity: identity(),
    });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/shell request failed/);
    expect(r.code).not.toBe(0);
    expect(handlers.at(-1)?.shells).toBe(1);
  });
});

/** Records the exit status and the end of the channel. */
class ExitRecorder extends SSHClientSession {
  text = '';
  statuses: number[] = [];
  lost: (Error | null)[] = [];
  override dataReceived(data: ChannelData): void {
    this.text += typeof data === 'string' ? data : dec.decode(data);
  }
  override exitStatusReceived(status: number): void {
    this.statuses.push(status);
  }
  override connectionLost(err: Error | null): void {
    this.lost.push(err);
  }
}

const hasSshd = peerHost('debian12')?.has('/usr/sbin/sshd');
const skipSshd = hasSshd
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

describe.skipIf(skipSshd)('our SSHClientSession callbacks against OpenSSH sshd', () => {
  let sshd: RunningServer;
  let conn: SSHConnection;
  beforeAll(async () => {
    sshd = await startOpenSshd();
    conn = await connectTo(sshd);
  });
  afterAll(async () => {
    conn?.close();
    await sshd?.stop();
  });

  it('exitStatusReceived gets the status of the command sshd ran; connectionLost follows the close', async () => {
    for (const code of [0, 3, 42]) {
      const [chan, session] = await createSession(conn, () => new ExitRecorder(), {
        command: `echo run-${code}; exit ${code}`,
      });
      await chan.waitClosed();
      for (let i = 0; i < 50 && session.lost.length === 0; i++) await sleep(20);
      expect(session.text).toBe(`run-${code}\n`);
      expect(session.statuses).toEqual([code]);
      expect(session.lost).toEqual([null]);
    }
  });
});
