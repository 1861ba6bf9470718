import { EXTENDED_DATA_STDERR, PTY_ECHO, PTY_ICANON } from '@ssh/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../test/pair.js';
import {
  acceptSessions,
  BreakReceived,
  ChannelOpenError,
  createProcess,
  createSession,
  ProcessError,
  run,
  type ServerSessionOptions,
  SignalReceived,
  SSHClientSession,
  type SSHConnection,
  type SSHServerProcess,
  TerminalSizeChanged,
  TimeoutError,
} from './index.js';

/** Byte equality without vitest's element-by-element deep compare (slow on large arrays). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function pairWith(
  processFactory: (p: SSHServerProcess) => unknown,
  options: ServerSessionOptions = {},
): Promise<SSHConnection> {
  const p = await connectionPair();
  closers.push(p.close);
  acceptSessions(p.server, { ...options, processFactory });
  return p.client;
}

describe('exec over the in-memory pair', () => {
  it('runs a command: stdout, stderr, exit status', async () => {
    const client = await pairWith((p) => {
      p.stdout.write(`ran ${p.command}\n`);
      p.stderr.write('oops\n');
      p.exit(3);
    });
    const r = await run(client, 'echo hi');
    expect(r.stdout).toBe('ran echo hi\n');
    expect(r.stderr).toBe('oops\n');
    expect(r.exitStatus).toBe(3);
    expect(r.returncode).toBe(3);
    expect(r.command).toBe('echo hi');
    await expect(run(client, 'x', { check: true })).rejects.toBeInstanceOf(ProcessError);
    const err = await run(client, 'x', { check: true }).catch((e: ProcessError) => e);
    expect(err).toMatchObject({ code: 3, exitStatus: 3, stdout: 'ran x\n', stderr: 'oops\n' });
  });

  it('feeds input and echoes it back, in bytes mode with encoding null', async () => {
    const client = await pairWith(
      async (p) => {
        const data = await p.stdin.read();
        p.stdout.write(data);
        p.exit(0);
      },
      { encoding: null },
    );
    const input = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);
    const r = await run(client, 'cat', { input, encoding: null, check: true });
    expect(sameBytes(r.stdout as Uint8Array, input)).toBe(true);
  });

  it('reports an exit signal with returncode -signal', async () => {
    const client = await pairWith((p) => p.exitWithSignal('TERM', false, 'terminated'));
    const r = await run(client, 'kill');
    expect(r.exitSignal).toEqual(['TERM', false, 'terminated', 'en-US']);
    expect(r.exitStatus).toBe(-1);
    expect(r.returncode).toBe(-15);
  });

  it('times out with TimeoutError carrying output so far', async () => {
    const client = await pairWith((p) => {
      p.stdout.write('partial');
    });
    const err = await run(client, 'sleep', { timeout: 0.2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).stdout).toBe('partial');
  });

  it('passes env, pty type, size and modes; window change, signal and break arrive in order on stdin', async () => {
    const seen: unknown[] = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => {
      resolveDone = r;
    });
    const client = await pairWith(async (p) => {
      seen.push(p.env, p.termType, p.termSize, p.termModes[PTY_ECHO], p.termModes[PTY_ICANON]);
      for (;;) {
        try {
          const line = await p.stdin.readline();
          if (!line) break;
          seen.push(line);
        } catch (e) {
          seen.push(e);
          if (e instanceof BreakReceived) break;
        }
      }
      p.exit(0);
      resolveDone();
    });
    const proc = await createProcess(client, {
      env: { LANG: 'C', FOO: 'bar' },
      termType: 'xterm',
      termSize: [80, 24],
      termModes: { [PTY_ECHO]: 0, [PTY_ICANON]: 1 },
    });
    proc.stdin.write('one\n');
    proc.changeTerminalSize(100, 40);
    proc.sendSignal('SIGINT');
    proc.stdin.write('two\n');
    proc.sendBreak(250);
    await done;
    const r = await proc.wait();
    expect(r.exitStatus).toBe(0);
    expect(seen.slice(0, 5)).toEqual([{ LANG: 'C', FOO: 'bar' }, 'xterm', [80, 24, 0, 0], 0, 1]);
    expect(seen[5]).toBe('one\n');
    expect(seen[6]).toBeInstanceOf(TerminalSizeChanged);
    expect((seen[6] as TerminalSizeChanged).termSize).toEqual([100, 40, 0, 0]);
    expect(seen[7]).toBeInstanceOf(SignalReceived);
    expect((seen[7] as SignalReceived).signal).toBe('INT');
    expect(seen[8]).toBe('two\n');
    expect((seen[9] as BreakReceived).msec).toBe(250);
  });

  it('callback-style client session sees data, EOF, exit status and connection lost', async () => {
    const client = await pairWith((p) => {
      p.stdout.write('a');
      p.stderr.write('b');
      p.exit(7);
    });
    const events: unknown[] = [];
    let lost!: () => void;
    const closed = new Promise<void>((r) => {
      lost = r;
    });
    class Recorder extends SSHClientSession {
      override dataReceived(data: string | Uint8Array, datatype: number | null): void {
        events.push([data, datatype]);
      }
      override exitStatusReceived(status: number): void {
        events.push(['exit', status]);
      }
      override connectionLost(exc: Error | null): void {
        events.push(['lost', exc]);
        lost();
      }
    }
    const [chan] = await createSession(client, () => new Recorder(), { command: 'x' });
    await closed;
    expect(events).toContainEqual(['a', null]);
    expect(events).toContainEqual(['b', EXTENDED_DATA_STDERR]);
    expect(events).toContainEqual(['exit', 7]);
    expect(events.at(-1)).toEqual(['lost', null]);
    expect(chan.getExitStatus()).toBe(7);
  });

  it('refuses sessions without a handler, and after no-more-sessions', async () => {
    const p = await connectionPair();
    closers.push(p.close);
    await expect(run(p.client, 'x')).rejects.toBeInstanceOf(ChannelOpenError);
    acceptSessions(p.server, { processFactory: (proc) => proc.exit(0) });
    expect((await run(p.client, 'x')).exitStatus).toBe(0);
    p.client.sendNoMoreSessions();
    await expect(run(p.client, 'x')).rejects.toMatchObject({ code: 1 });
  });

  it('a refused exec becomes ChannelOpenError(OPEN_REQUEST_SESSION_FAILED)', async () => {
    const p = await connectionPair();
    closers.push(p.close);
    acceptSessions(p.server, { sessionRequested: () => ({ execRequested: () => false }) });
    await expect(run(p.client, 'x')).rejects.toMatchObject({ name: 'ChannelOpenError', code: 0xffffffff });
  });
});
