import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { OPEN_CONNECT_FAILED } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChannelData,
  createConnection,
  createProcess,
  createServer,
  createSession,
  createSubprocess,
  createUnixConnection,
  DEVNULL,
  openConnection,
  openSession,
  PIPE,
  type RedirectOptions,
  run,
  SSHChannel,
  SSHClientSession,
  SSHCompletedProcess,
  type SSHConnection,
  SSHListener,
  SSHSubprocessProtocol,
  SSHSubprocessReadPipe,
  type SSHSubprocessTransport,
  SSHSubprocessWritePipe,
  SSHTCPSession,
  SSHUNIXSession,
  STDOUT,
} from '../../src/index.js';
import { connectTo } from './connect.js';

// Our client's channel, process, subprocess and stream API over one OpenSSH sshd (Debian 12's).
const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records what a client session handler is told. */
class Recorder extends SSHClientSession {
  text = '';
  events: string[] = [];
  signals: [string, boolean, string, string][] = [];
  override dataReceived(data: ChannelData): void {
    this.text += typeof data === 'string' ? data : new TextDecoder().decode(data);
  }
  override exitSignalReceived(signal: string, coreDumped: boolean, msg: string, lang: string): void {
    this.signals.push([signal, coreDumped, msg, lang]);
  }
  override pauseWriting(): void {
    this.events.push('pause');
  }
  override resumeWriting(): void {
    this.events.push('resume');
  }
}

/** TCP tunnel session handler: counts bytes, notes start, EOF and write pauses. */
class TcpRecorder extends SSHTCPSession {
  received = 0;
  events: string[] = [];
  override sessionStarted(): void {
    this.events.push('started');
  }
  override dataReceived(data: ChannelData): void {
    this.received += data.length;
  }
  override eofReceived(): boolean {
    this.events.push('eof');
    return false;
  }
  override pauseWriting(): void {
    this.events.push('pause');
  }
  override resumeWriting(): void {
    this.events.push('resume');
  }
}

/** The same for a UNIX socket tunnel. */
class UnixRecorder extends SSHUNIXSession {
  received = 0;
  events: string[] = [];
  override sessionStarted(): void {
    this.events.push('started');
  }
  override dataReceived(data: ChannelData): void {
    this.received += data.length;
  }
  override eofReceived(): boolean {
    this.events.push('eof');
    return false;
  }
  override pauseWriting(): void {
    this.events.push('pause');
  }
  override resumeWriting(): void {
    this.events.push('resume');
  }
}

/** A local echo server (TCP, or a UNIX socket at `path`) that ends its side when the client does. */
async function echoServer(path?: string): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((sock) => {
    sock.pipe(sock);
  });
  await new Promise<void>((r) => (path ? server.listen(path, r) : server.listen(0, '127.0.0.1', r)));
  return { server, port: path ? 0 : (server.address() as net.AddressInfo).port };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(20);
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

describe.skipIf(skip)('channel API coverage over OpenSSH sshd', () => {
  let server: RunningServer;
  let conn: SSHConnection;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenSshd({ config: ['AcceptEnv FOO_*', 'MaxSessions 50'] });
    conn = await connectTo(server);
    dir = mkdtempSync(join(tmpdir(), 'ssh-cov-'));
  });
  afterAll(async () => {
    conn?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SSHClientChannel: env, command, extra info, writelines, canWriteEof, isClosing; exit signal', async () => {
    const [chan, session] = await createSession(conn, () => new Recorder(), {
      command: 'echo "$FOO_A"; cat',
      env: { FOO_A: 'from-env' },
    });
    expect(chan.getCommand()).toBe('echo "$FOO_A"; cat');
    expect(chan.getSubsystem()).toBeNull();
    expect(chan.getEnvironment()).toEqual({ FOO_A: 'from-env' });
    expect(chan.getEnvironmentBytes()).toEqual([[enc.encode('FOO_A'), enc.encode('from-env')]]);
    chan.setExtraInfo({ tag: 'mine' });
    expect(chan.getExtraInfo('tag')).toBe('mine');
    expect(chan.getExtraInfo('absent', 7)).toBe(7);
    expect(chan.canWriteEof()).toBe(true);
    expect(chan.isClosing()).toBe(false);
    chan.writelines(['one\n', 'tw', 'o\n']);
    chan.writeEof();
    await chan.waitClosed();
    // sshd's shell saw the variable, and cat echoed the lines in order.
    expect(session.text).toBe('from-env\none\ntwo\n');
    expect(chan.getExitStatus()).toBe(0);
    expect(chan.isClosing()).toBe(true);

    const [killed, victim] = await createSession(conn, () => new Recorder(), { command: 'kill -TERM $$' });
    await killed.waitClosed();
    expect(victim.signals).toHaveLength(1);
    expect(victim.signals[0]?.slice(0, 2)).toEqual(['TERM', false]);
    expect(killed.getExitSignal()?.[0]).toBe('TERM');
  });

  it('channel requests to sshd: replies come back in order, each for its own request', async () => {
    const [chan] = await createSession(conn, () => new Recorder(), {
      command: 'cat',
      termType: 'xterm',
      termSize: [80, 24],
    });
    const uint32s = (...values: number[]) => {
      const data = new Uint8Array(4 * values.length);
      for (const [i, v] of values.entries()) new DataView(data.buffer).setUint32(4 * i, v);
      return data;
    };
    // Sent back to back: sshd refuses names it does not know and accepts a window change
    // and a break on a session with a pty.
    const replies = await Promise.all([
      chan.sendRequest('no-such-request@example.com', undefined, true),
      chan.sendRequest('window-change', uint32s(100, 30, 0, 0), true),
      chan.sendRequest('another-unknown@example.com', undefined, true),
      chan.sendRequest('break', uint32s(10), true),
      chan.sendRequest('third-unknown@example.com', undefined, true),
    ]);
    expect(replies).toEqual([false, true, false, true, false]);
    chan.close();
    await chan.waitClosed();
  });

  it('SSHClientChannel: a subsystem request, and SSHClientProcess.subsystem', async () => {
    const [chan] = await createSession(conn, () => new Recorder(), { subsystem: 'sftp', encoding: null });
    expect(chan.getSubsystem()).toBe('sftp');
    expect(chan.getCommand()).toBeNull();
    chan.close();
    await chan.waitClosed();

    const proc = await createProcess(conn, { subsystem: 'sftp', encoding: null });
    expect(proc.subsystem).toBe('sftp');
    expect(proc.command).toBeNull();
    // SSH_FXP_INIT version 3; sftp-server answers SSH_FXP_VERSION 3.
    proc.stdin.write(Uint8Array.of(0, 0, 0, 5, 1, 0, 0, 0, 3));
    const head = (await proc.stdout.readexactly(9)) as Uint8Array;
    expect([...head.subarray(4)]).toEqual([2, 0, 0, 0, 3]);
    proc.close();
    await proc.waitClosed();
  });

  it('SSHClientChannel.setWriteBufferLimits: pauseWriting/resumeWriting follow the marks, getWriteBufferSize the queue', async () => {
    const big = new Uint8Array(6 << 20);
    // High mark above what we write: no pause, though most of it waits for sshd's 2 MiB window.
    const [quiet, quietSession] = await createSession(conn, () => new Recorder(), {
      command: 'cat >/dev/null; echo done',
      encoding: null,
    });
    quiet.setWriteBufferLimits(64 << 20);
    quiet.write(big);
    expect(quiet.getWriteBufferSize()).toBeGreaterThan(0);
    quiet.writeEof();
    await quiet.waitClosed();
    expect(quietSession.events).toEqual([]);
    expect(quietSession.text).toBe('done\n');
    expect(quiet.getWriteBufferSize()).toBe(0);

    // A small high mark: pause at once, resume once the queue drains below the low mark.
    const [loud, loudSession] = await createSession(conn, () => new Recorder(), {
      command: 'cat >/dev/null; echo done',
      encoding: null,
    });
    loud.setWriteBufferLimits(1024, 512);
    loud.write(big.slice());
    expect(loudSession.events).toEqual(['pause']);
    loud.writeEof();
    await loud.waitClosed();
    expect(loudSession.events).toEqual(['pause', 'resume']);
    expect(loudSession.text).toBe('done\n');
  });

  it('pauseReading holds the remote writer back (channel and subprocess pipe); resumeReading lets it finish', async () => {
    const flagA = `/tmp/ssh-cov-${process.pid}-a`;
    const flagB = `/tmp/ssh-cov-${process.pid}-b`;
    await run(conn, `rm -f ${flagA} ${flagB}`);
    const [chan, session] = await createSession(conn, () => new Recorder(), {
      command: `head -c 4194304 /dev/zero; touch ${flagA}; echo end`,
      encoding: null,
      window: 65536,
    });
    chan.pauseReading();

    class Counter extends SSHSubprocessProtocol {
      bytes = 0;
      exited = false;
      override pipeDataReceived(_fd: 1 | 2, data: ChannelData): void {
        this.bytes += data.length;
      }
      override processExited(): void {
        this.exited = true;
      }
    }
    const [transport, counter] = await createSubprocess(
      conn,
      () => new Counter(),
      `head -c 4194304 /dev/zero; touch ${flagB}`,
      { encoding: null, window: 65536 },
    );
    const readPipe = transport.getPipeTransport(1);
    expect(readPipe).toBeInstanceOf(SSHSubprocessReadPipe);
    readPipe.pauseReading();
    const heldBytes = counter.bytes;

    // With our windows shut, neither command can get its 4 MiB out, so neither reaches its touch.
    const probe = await run(conn, `sleep 1; ls ${flagA} ${flagB} 2>/dev/null | wc -l`);
    expect(probe.stdout).toBe('0\n');
    expect(counter.bytes).toBe(heldBytes);
    expect(session.text).toBe('');

    chan.resumeReading();
    readPipe.resumeReading();
    await chan.waitClosed();
    await until(() => counter.exited, 'the subprocess to exit');
    expect(session.text.endsWith('end\n')).toBe(true);
    expect(session.text.length).toBe(4194304 + 4);
    expect(counter.bytes).toBe(4194304);
    expect(transport.getReturncode()).toBe(0);
    expect((await run(conn, `ls ${flagA} ${flagB} | wc -l; rm -f ${flagA} ${flagB}`)).stdout).toBe('2\n');
  });

  it('SSHSubprocessWritePipe: canWriteEof, writelines, setWriteBufferLimits and getWriteBufferSize', async () => {
    class Collect extends SSHSubprocessProtocol {
      out = '';
      done!: Promise<void>;
      private finish!: () => void;
      transport: SSHSubprocessTransport | null = null;
      constructor() {
        super();
        this.done = new Promise((r) => {
          this.finish = r;
        });
      }
      override connectionMade(t: SSHSubprocessTransport): void {
        this.transport = t;
      }
      override pipeDataReceived(_fd: 1 | 2, data: ChannelData): void {
        this.out += data as string;
      }
      override processExited(): void {
        this.finish();
      }
    }
    const [transport, proto] = await createSubprocess(conn, () => new Collect(), 'wc -c; cat');
    expect(proto.transport).toBe(transport);
    const stdin = transport.getPipeTransport(0);
    expect(stdin).toBeInstanceOf(SSHSubprocessWritePipe);
    expect(stdin.canWriteEof()).toBe(true);
    stdin.setWriteBufferLimits(1 << 30);
    stdin.write('x'.repeat(3 << 20));
    // More than sshd's 2 MiB session window: the rest waits in our buffer.
    expect(stdin.getWriteBufferSize()).toBeGreaterThan(0);
    stdin.writelines(['\n', 'ab', 'c\n']);
    stdin.writeEof();
    await proto.done;
    expect(stdin.getWriteBufferSize()).toBe(0);
    expect(proto.out).toBe(`${(3 << 20) + 5}\n`);
  });

  it('SSHClientProcess: collectOutput while running, communicate with input, isClosing', async () => {
    const proc = await createProcess(conn, 'printf early; printf e2 >&2; read x; printf "late $x"');
    expect(proc.isClosing()).toBe(false);
    let out = '';
    let err = '';
    await until(() => {
      const [o, e] = proc.collectOutput();
      out += o as string;
      err += e as string;
      return out === 'early' && err === 'e2';
    }, 'early output');
    // What collectOutput returned is not returned again.
    expect(proc.collectOutput()).toEqual(['', '']);
    expect(await proc.communicate('go\n')).toEqual(['late go', '']);
    expect(proc.exitStatus).toBe(0);
    expect(proc.isClosing()).toBe(true);

    const upper = await createProcess(conn, 'tr a-z A-Z; echo done >&2');
    expect(await upper.communicate('hello')).toEqual(['HELLO', 'done\n']);
  });

  it('run returns SSHCompletedProcess; DEVNULL and STDOUT redirects; RedirectOptions recvEof', async () => {
    const done = await run(conn, 'echo out; echo err >&2; exit 2');
    expect(done).toBeInstanceOf(SSHCompletedProcess);
    expect(done).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitStatus: 2, returncode: 2 });

    // stderr merged into stdout; stdin from DEVNULL means cat sees EOF at once.
    const merged = await run(conn, 'echo a; echo b >&2; cat; echo c', { stdin: DEVNULL, stderr: STDOUT });
    expect(merged.stderr).toBeNull();
    expect((merged.stdout as string).split('\n').sort()).toEqual(['', 'a', 'b', 'c']);

    // stdout to DEVNULL: nothing captured, the process still runs to its end.
    const dropped = await run(conn, 'echo gone; exit 5', { stdout: DEVNULL });
    expect(dropped.stdout).toBeNull();
    expect(dropped.exitStatus).toBe(5);

    // recvEof: false leaves the sink open after the remote output ends.
    const chunks: string[] = [];
    let ended = false;
    const sink = {
      write: (c: ChannelData) => {
        chunks.push(c as string);
      },
      end: () => {
        ended = true;
      },
    };
    const keepOpen: RedirectOptions = { recvEof: false };
    const proc = await createProcess(conn, 'echo kept');
    proc.redirect(null, sink, null, keepOpen);
    await proc.wait();
    expect(chunks.join('')).toBe('kept\n');
    expect(ended).toBe(false);
    const proc2 = await createProcess(conn, 'echo closed');
    proc2.redirect(null, sink, null, { recvEof: true });
    await proc2.wait();
    expect(ended).toBe(true);
  });

  it('SSHReader: async iteration by line, feedEof ends reading; SSHWriter: writelines, canWriteEof, isClosing', async () => {
    const [stdin, stdout] = await openSession(conn, { command: 'cat; printf tail' });
    expect(stdin.canWriteEof()).toBe(true);
    expect(stdin.isClosing()).toBe(false);
    stdin.writelines(['a\n', 'b', '\nc\n']);
    stdin.writeEof();
    const lines: string[] = [];
    for await (const line of stdout) lines.push(line as string);
    expect(lines).toEqual(['a\n', 'b\n', 'c\n', 'tail']);
    await stdin.waitClosed();
    expect(stdin.isClosing()).toBe(true);

    // The iterator itself, stepped by hand: one line per next(), done at EOF.
    const [, lineOut] = await openSession(conn, { command: 'printf "x\\ny\\n"' });
    const lineIter = lineOut[Symbol.asyncIterator]();
    expect(await lineIter.next()).toEqual({ done: false, value: 'x\n' });
    expect(await lineIter.next()).toEqual({ done: false, value: 'y\n' });
    expect((await lineIter.next()).done).toBe(true);

    // feedEof: the reader ends although the remote cat still waits for input.
    const [in2, out2] = await openSession(conn, { command: 'echo first; cat' });
    expect(await out2.readline()).toBe('first\n');
    expect(out2.atEof()).toBe(false);
    out2.feedEof();
    expect(await out2.read()).toBe('');
    expect(out2.atEof()).toBe(true);
    expect(in2.isClosing()).toBe(false);
    in2.close();
    await in2.waitClosed();
  });

  it('sendEnv: local variables matching the patterns reach sshd; env wins on a clash', async () => {
    process.env.FOO_SENT_A = 'local-a';
    process.env.FOO_SENT_B = 'local-b';
    process.env.FOO_OTHER = 'not-sent';
    try {
      const r = await run(conn, 'echo "$FOO_SENT_A/$FOO_SENT_B/$FOO_OTHER"', {
        sendEnv: ['FOO_SENT_*'],
        env: { FOO_SENT_B: 'given' },
      });
      expect(r.stdout).toBe('local-a/given/\n');
    } finally {
      delete process.env.FOO_SENT_A;
      delete process.env.FOO_SENT_B;
      delete process.env.FOO_OTHER;
    }
  });

  it('PIPE leaves a stream interactive while stderr goes elsewhere', async () => {
    const errs: string[] = [];
    const proc = await createProcess(conn, 'read x; echo "out $x"; echo "err $x" >&2', {
      stdin: PIPE,
      stdout: PIPE,
      stderr: { write: (c: ChannelData) => void errs.push(c as string) },
    });
    proc.stdin.write('one\n');
    expect(await proc.stdout.readline()).toBe('out one\n');
    const done = await proc.wait();
    expect(done.stderr).toBeNull();
    expect(errs.join('')).toBe('err one\n');
  });

  it('SSHListener from createServer: sshd listens, a local connection reaches our session', async () => {
    const listener = await createServer(conn, () => new TcpRecorder(), '127.0.0.1', 0);
    expect(listener).toBeInstanceOf(SSHListener);
    const port = listener.getPort();
    expect(port).toBeGreaterThan(0);
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.end('through the listener');
    let echoed = '';
    sock.on('data', (d) => {
      echoed += d.toString();
    });
    await new Promise((r) => sock.once('close', r));
    // Our TcpRecorder counts and does not answer; EOF closes the channel, sshd closes the socket.
    expect(echoed).toBe('');
    listener.close();
    await listener.waitClosed();
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('OPEN_CONNECT_FAILED from sshd: a closed port, an unknown channel type', async () => {
    const closed = await freePort();
    await expect(openConnection(conn, '127.0.0.1', closed)).rejects.toMatchObject({
      name: 'ChannelOpenError',
      code: OPEN_CONNECT_FAILED,
    });
    // sshd answers a channel type it does not know with OPEN_CONNECT_FAILED and "open failed".
    await expect(conn.openChannel(new SSHChannel(conn), 'no-such-type@example.com')).rejects.toMatchObject({
      name: 'ChannelOpenError',
      code: OPEN_CONNECT_FAILED,
      message: expect.stringMatching(/open failed/),
    });
    // The connection goes on.
    expect((await run(conn, 'echo still here')).stdout).toBe('still here\n');
  });

  it('SSHTCPChannel and SSHTCPSession through sshd to a local echo server', async () => {
    const { server: echo, port } = await echoServer();
    try {
      const [chan, session] = await createConnection(conn, () => new TcpRecorder(), '127.0.0.1', port);
      expect(session.events).toEqual(['started']);
      expect(chan.getExtraInfo('remote_peername')).toEqual(['127.0.0.1', port]);
      chan.setExtraInfo({ label: 'echo' });
      expect(chan.getExtraInfo('label')).toBe('echo');
      expect(chan.canWriteEof()).toBe(true);
      expect(chan.isClosing()).toBe(false);

      chan.pauseReading();
      chan.writelines([enc.encode('abc'), enc.encode('defg')]);
      await sleep(300);
      // Paused: the echo is held back.
      expect(session.received).toBe(0);
      chan.resumeReading();
      await until(() => session.received === 7, 'the echo');

      chan.setWriteBufferLimits(4096, 1024);
      const big = new Uint8Array(8 << 20);
      chan.write(big);
      expect(chan.getWriteBufferSize()).toBeGreaterThan(4096);
      expect(session.events).toEqual(['started', 'pause']);
      chan.writeEof();
      await chan.waitClosed();
      expect(session.received).toBe(7 + big.length);
      expect(session.events).toEqual(['started', 'pause', 'resume', 'eof']);
      expect(chan.getWriteBufferSize()).toBe(0);
      expect(chan.isClosing()).toBe(true);
    } finally {
      echo.close();
    }
  });

  it('createUnixConnection: SSHUNIXChannel and SSHUNIXSession through sshd to a local UNIX socket', async () => {
    const path = join(dir, 'echo.sock');
    const { server: echo } = await echoServer(path);
    try {
      const [chan, session] = await createUnixConnection(conn, () => new UnixRecorder(), path);
      expect(session.events).toEqual(['started']);
      expect(chan.getExtraInfo('remote_peername')).toBe(path);
      chan.setExtraInfo({ label: 'unix' });
      expect(chan.getExtraInfo('label')).toBe('unix');
      expect(chan.canWriteEof()).toBe(true);
      expect(chan.isClosing()).toBe(false);

      chan.pauseReading();
      chan.writelines([enc.encode('hello '), enc.encode('unix')]);
      await sleep(300);
      expect(session.received).toBe(0);
      chan.resumeReading();
      await until(() => session.received === 10, 'the echo');

      chan.setWriteBufferLimits(4096, 1024);
      const big = new Uint8Array(8 << 20);
      chan.write(big);
      expect(chan.getWriteBufferSize()).toBeGreaterThan(4096);
      expect(session.events).toEqual(['started', 'pause']);
      chan.writeEof();
      await chan.waitClosed();
      expect(session.received).toBe(10 + big.length);
      expect(session.events).toEqual(['started', 'pause', 'resume', 'eof']);
      expect(chan.isClosing()).toBe(true);
    } finally {
      echo.close();
    }
  });
});
