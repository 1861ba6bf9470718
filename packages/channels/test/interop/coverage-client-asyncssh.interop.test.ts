import { hasAsyncSsh, missingPeer, type RunningServer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChannelData,
  createProcess,
  createSession,
  createSubprocess,
  SSHClientSession,
  type SSHConnection,
  SSHSubprocessProtocol,
} from '../../src/index.js';
import { startAsyncSshSessionServer } from './asyncssh/start.js';
import { connectTo } from './connect.js';

// Signals, breaks and window changes from our client, as AsyncSSH's server reports them
// (asyncssh/session_server.py's `tty` command prints each one it receives until a break).
// OpenSSH's sshd here runs without privilege separation and refuses `signal` requests.

/** Records a client session's output and exit signal. */
class Recorder extends SSHClientSession {
  text = '';
  signals: [string, boolean, string, string][] = [];
  override dataReceived(data: ChannelData): void {
    this.text += typeof data === 'string' ? data : new TextDecoder().decode(data);
  }
  override exitSignalReceived(signal: string, coreDumped: boolean, msg: string, lang: string): void {
    this.signals.push([signal, coreDumped, msg, lang]);
  }
}

const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;

describe.skipIf(skip)("signals and terminal controls against AsyncSSH's server", () => {
  let server: RunningServer;
  let conn: SSHConnection;
  beforeAll(async () => {
    server = await startAsyncSshSessionServer('debian12');
    conn = await connectTo(server);
  });
  afterAll(async () => {
    conn?.close();
    await server?.stop();
  });

  it('SSHClientChannel.terminate sends TERM; exitSignalReceived gets the whole exit-signal', async () => {
    const [chan, session] = await createSession(conn, () => new Recorder(), {
      command: 'tty',
      termType: 'xterm',
      termSize: [80, 24],
    });
    chan.terminate();
    chan.sendBreak(10);
    await chan.waitClosed();
    expect(session.text).toBe('term=xterm size=80x24\nsignal TERM\nbreak 10\n');
    expect(chan.getExitStatus()).toBe(0);

    const [sigChan, sigSession] = await createSession(conn, () => new Recorder(), { command: 'signal' });
    await sigChan.waitClosed();
    expect(sigSession.signals).toEqual([['TERM', false, 'terminated', 'en-US']]);
    expect(sigChan.getExitSignal()).toEqual(['TERM', false, 'terminated', 'en-US']);
  });

  it('SSHClientProcess.terminate', async () => {
    const proc = await createProcess(conn, 'tty', { termType: 'vt100', termSize: [90, 30] });
    expect(await proc.stdout.readline()).toBe('term=vt100 size=90x30\n');
    proc.terminate();
    proc.sendBreak(5);
    const done = await proc.wait();
    expect(done.stdout).toBe('signal TERM\nbreak 5\n');
    expect(proc.isClosing()).toBe(true);
  });

  it('SSHSubprocessTransport: changeTerminalSize, terminate, sendBreak, isClosing', async () => {
    class Output extends SSHSubprocessProtocol {
      out = '';
      exited!: Promise<void>;
      private done!: () => void;
      constructor() {
        super();
        this.exited = new Promise((r) => {
          this.done = r;
        });
      }
      override pipeDataReceived(_fd: 1 | 2, data: ChannelData): void {
        this.out += data as string;
      }
      override processExited(): void {
        this.done();
      }
    }
    const [transport, proto] = await createSubprocess(conn, () => new Output(), 'tty', {
      termType: 'vt220',
      termSize: [80, 24],
    });
    expect(transport.isClosing()).toBe(false);
    transport.changeTerminalSize(132, 43);
    transport.terminate();
    transport.sendBreak(250);
    await proto.exited;
    expect(proto.out).toBe('term=vt220 size=80x24\nresize 132x43\nsignal TERM\nbreak 250\n');
    expect(transport.isClosing()).toBe(true);
    expect(transport.getReturncode()).toBe(0);
  });
});
