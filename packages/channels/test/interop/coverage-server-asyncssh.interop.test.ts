import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasAsyncSsh, makePeerWorkdir, missingPeer, peerHost, SYSTEM_PYTHON } from '@ssh/testing';
import { PTY_ECHO, PTY_ICANON, PTY_VINTR } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptSessions,
  BreakReceived,
  createServerChannel,
  type SSHReader,
  type SSHServerChannel,
  type SSHServerProcess,
  SSHServerSession,
  type SSHWriter,
  TerminalSizeChanged,
} from '../../src/index.js';
import { startOurServer } from './our-server.js';

// Our server's session API, driven by AsyncSSH's client (asyncssh/asyncssh_scenarios.py):
// what a server channel learns from the client's requests, flow control in both directions,
// handler callbacks, and the line editor options.

const SCRIPT = fileURLToPath(new URL('./asyncssh/asyncssh_scenarios.py', import.meta.url));
const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Step =
  | { write: string }
  | { wait: string }
  | { resize: [number, number, number, number] }
  | { break: number }
  | { eof: true };
interface Scenario {
  port: number;
  command?: string;
  subsystem?: string;
  term_type?: string;
  term_size?: [number, number, number, number];
  term_modes?: Record<number, number>;
  env?: Record<string, string>;
  steps?: Step[];
}
interface Outcome {
  stdout?: string;
  stderr?: string;
  exit_status?: number | null;
  error?: string;
}

/** Run the scenarios with AsyncSSH's client (one process, one connection per port). */
async function runScenarios(
  scenarios: Record<string, Scenario>,
  knownHosts: string,
  key: Uint8Array,
): Promise<Record<string, Outcome>> {
  const host = peerHost('debian12');
  if (!host) throw new Error('debian12 peers are not installed');
  const wd = makePeerWorkdir(host, 'asyncssh-scenarios');
  try {
    copyFileSync(SCRIPT, wd.file('client.py').local);
    writeFileSync(wd.file('known_hosts').local, knownHosts);
    writeFileSync(wd.file('id').local, key, { mode: 0o600 });
    const names = Object.keys(scenarios);
    const input = JSON.stringify({
      known_hosts: wd.file('known_hosts').peer,
      key: wd.file('id').peer,
      scenarios: names.map((n) => scenarios[n]),
    });
    const cmd = host.command([SYSTEM_PYTHON, '-W', 'ignore', wd.file('client.py').peer]);
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stdout: out, stderr: err });
      });
      child.stdin.end(input);
    });
    if (code !== 0)
      throw new Error(`AsyncSSH client exited ${code}: ${stderr.trim().split('\n').slice(-8).join('\n')}`);
    const results = JSON.parse(stdout) as Outcome[];
    return Object.fromEntries(names.map((n, i) => [n, results[i] as Outcome]));
  } finally {
    wd.remove();
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const serverClosing: boolean[] = [];

/** Process-form sessions (bytes) that report what the server channel saw. */
async function inspect(p: SSHServerProcess): Promise<void> {
  const ch = p.channel;
  const say = (s: string) => ch.write(enc.encode(s));
  if (p.subsystem !== null) {
    say(JSON.stringify({ subsystem: ch.getSubsystem(), command: ch.getCommand() }));
    return p.exit(0);
  }
  switch (p.command) {
    case 'inspect': {
      ch.setExtraInfo({ seen: 'inspected' });
      const report = {
        command: ch.getCommand(),
        subsystem: ch.getSubsystem(),
        env: ch.getEnvironment(),
        envBytes: ch.getEnvironmentBytes().map(([k, v]) => [hex(k), hex(v)]),
        termType: ch.getTerminalType(),
        termSize: ch.getTerminalSize(),
        echo: ch.getTerminalMode(PTY_ECHO),
        intr: ch.getTerminalMode(PTY_VINTR),
        modes: ch.getTerminalModes(),
        extra: ch.getExtraInfo('seen'),
        canWriteEof: ch.canWriteEof(),
      };
      ch.writelines([enc.encode(JSON.stringify(report)), enc.encode('\n')]);
      ch.writeStderr(enc.encode('e1\n'));
      ch.writelinesStderr([enc.encode('e2'), enc.encode('\ne3\n')]);
      // Then each window change, as getTerminalSize sees it, until a break.
      for (;;) {
        try {
          const d = await p.stdin.read(4096);
          if (d.length === 0) break;
        } catch (e) {
          if (e instanceof TerminalSizeChanged) say(`size ${ch.getTerminalSize().join(',')}\n`);
          else if (e instanceof BreakReceived) break;
        }
      }
      return p.exit(0);
    }
    case 'pause': {
      ch.pauseReading();
      const first = p.stdin.read(1 << 20);
      const early = await Promise.race([first.then(() => 'data'), sleep(400).then(() => 'none')]);
      ch.resumeReading();
      let total = (await first).length;
      for (;;) {
        const d = await p.stdin.read(1 << 20);
        if (d.length === 0) break;
        total += d.length;
      }
      say(`held=${early} total=${total}\n`);
      return p.exit(0);
    }
    case 'closing':
      say(`closing ${p.isClosing()} ${ch.isClosing()}\n`);
      p.exit(3);
      await p.waitClosed();
      serverClosing.push(p.isClosing(), ch.isClosing());
      return;
    default:
      return p.exit(127);
  }
}

/** A handler-style session: its callbacks answer the client's requests. */
class Handler extends SSHServerSession {
  chan: SSHServerChannel | null = null;
  cmd = '';
  events: string[] = [];
  private say(s: string): void {
    this.chan?.write(enc.encode(s));
  }
  override connectionMade(channel: unknown): void {
    this.chan = channel as SSHServerChannel;
  }
  override ptyRequested(termType: string, termSize: [number, number, number, number]): boolean {
    this.events.push(`pty ${termType} ${termSize.join('x')}`);
    return termType !== 'refuse-me';
  }
  override execRequested(command: string): boolean {
    this.cmd = command;
    return true;
  }
  override subsystemRequested(subsystem: string): boolean {
    this.cmd = `subsystem ${subsystem}`;
    return subsystem === 'greeter';
  }
  override terminalSizeChanged(width: number, height: number, pixwidth: number, pixheight: number): void {
    this.say(`size ${width}x${height} ${pixwidth}x${pixheight}\n`);
  }
  override breakReceived(msec: number): boolean {
    this.say(`break ${msec}\n`);
    this.chan?.exit(0);
    return true;
  }
  override pauseWriting(): void {
    this.events.push('pause');
  }
  override resumeWriting(): void {
    this.events.push('resume');
  }
  override sessionStarted(): void {
    const chan = this.chan as SSHServerChannel;
    if (this.cmd === 'subsystem greeter') {
      this.say('hello from greeter\n');
      chan.exit(0);
    } else if (this.cmd === 'interactive') {
      this.say(`ready ${this.events.join(';')}\n`);
    } else if (this.cmd.startsWith('flood ')) {
      // 4 MiB: more than AsyncSSH's 2 MiB window, so most of it queues with us.
      chan.setWriteBufferLimits(Number(this.cmd.split(' ')[1]), 512);
      chan.write(new Uint8Array(4 << 20).fill(0x61));
      chan.whenFlushed(() => {
        chan.writeStderr(enc.encode(`events ${this.events.join(',')}\n`));
        chan.exit(0);
      });
    } else chan.exit(1);
  }
}

/** A stream-form (sessionFactory) shell behind the line editor: answers each line it gets. */
async function shell(stdin: SSHReader, stdout: SSHWriter): Promise<void> {
  const chan = stdout.channel as SSHServerChannel;
  if (chan.getCommand() === 'unbind') chan.lineEditor?.unregisterKey('\x15');
  stdout.write('> ');
  for (;;) {
    const line = (await stdin.readline()) as string;
    if (line === '') break;
    const t = line.replace(/\n$/, '');
    if (t === 'exit') break;
    const shown = [...t].map((c) => (c < ' ' || c === '\x7f' ? `<${c.charCodeAt(0)}>` : c)).join('');
    stdout.write(`got [${shown}]\n> `);
  }
  chan.exit(0);
}

type Server = Awaited<ReturnType<typeof startOurServer>>;
const servers: Record<string, Server> = {};
let results: Record<string, Outcome> = {};

const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;

describe.skipIf(skip)("our server's session API, driven by AsyncSSH's client", () => {
  beforeAll(async () => {
    servers.inspect = await startOurServer({ encoding: null, processFactory: inspect });
    servers.handler = await startOurServer(
      {},
      {
        onConnection: (conn) =>
          acceptSessions(conn, {
            sessionRequested: () => [createServerChannel(conn, { encoding: null }), new Handler()],
          }),
      },
    );
    servers.editor = await startOurServer({ sessionFactory: shell });
    servers.raw = await startOurServer({ sessionFactory: shell, lineEditor: false });
    servers.noHistory = await startOurServer({ sessionFactory: shell, lineHistory: 0 });
    servers.short = await startOurServer({ sessionFactory: shell, maxLineLength: 5 });
    const port = (name: string) => (servers[name] as Server).port;
    const tty = { term_type: 'xterm', term_size: [80, 24, 0, 0] as [number, number, number, number] };
    const lines = (text: string): Step[] => [{ write: text }, { write: 'exit\n' }];
    results = await runScenarios(
      {
        inspect: {
          port: port('inspect'),
          command: 'inspect',
          env: { FOO_A: 'alpha', LANG_X: 'b' },
          term_type: 'vt220',
          term_size: [100, 40, 800, 600],
          term_modes: { [PTY_ECHO]: 0, [PTY_ICANON]: 1 },
          steps: [{ wait: '\n' }, { resize: [120, 50, 0, 0] }, { wait: 'size' }, { break: 100 }],
        },
        inspectSub: { port: port('inspect'), subsystem: 'probe' },
        pause: {
          port: port('inspect'),
          command: 'pause',
          steps: [{ write: 'x'.repeat(1 << 20) }, { eof: true }],
        },
        closing: { port: port('inspect'), command: 'closing' },
        interactive: {
          port: port('handler'),
          command: 'interactive',
          ...tty,
          steps: [{ wait: 'ready' }, { resize: [132, 43, 10, 20] }, { wait: 'size' }, { break: 250 }],
        },
        refusedPty: { port: port('handler'), command: 'interactive', term_type: 'refuse-me' },
        greeter: { port: port('handler'), subsystem: 'greeter' },
        unknownSubsystem: { port: port('handler'), subsystem: 'nosuch' },
        floodLow: { port: port('handler'), command: 'flood 1024' },
        floodHigh: { port: port('handler'), command: `flood ${64 << 20}` },
        editorErase: { port: port('editor'), command: 'sh', ...tty, steps: lines('ab\x7fc\n') },
        rawErase: { port: port('raw'), command: 'sh', ...tty, steps: lines('ab\x7fc\n') },
        editorHistory: { port: port('editor'), command: 'sh', ...tty, steps: lines('first\n\x1b[A\n') },
        noHistory: { port: port('noHistory'), command: 'sh', ...tty, steps: lines('first\n\x1b[A\n') },
        editorLong: { port: port('editor'), command: 'sh', ...tty, steps: lines('abcdefgh\n') },
        shortLong: { port: port('short'), command: 'sh', ...tty, steps: lines('abcdefgh\n') },
        killLine: { port: port('editor'), command: 'sh', ...tty, steps: lines('abc\x15d\n') },
        unbound: { port: port('editor'), command: 'unbind', ...tty, steps: lines('abc\x15d\n') },
      },
      (servers.inspect as Server).knownHosts +
        Object.entries(servers)
          .filter(([n]) => n !== 'inspect')
          .map(([, s]) => s.knownHosts)
          .join(''),
      (servers.inspect as Server).userKey.exportPrivateKey('openssh'),
    );
  }, 90_000);
  afterAll(() => {
    for (const s of Object.values(servers)) s.close();
  });

  it('SSHServerChannel getters: command, env (text and bytes), terminal type/size/modes, extra info; writelines and stderr', () => {
    const r = results.inspect as Outcome;
    const [first, ...rest] = (r.stdout as string).split('\n');
    expect(JSON.parse(first as string)).toEqual({
      command: 'inspect',
      subsystem: null,
      env: { FOO_A: 'alpha', LANG_X: 'b' },
      envBytes: [
        [hex(enc.encode('FOO_A')), hex(enc.encode('alpha'))],
        [hex(enc.encode('LANG_X')), hex(enc.encode('b'))],
      ],
      termType: 'vt220',
      termSize: [100, 40, 800, 600],
      echo: 0,
      intr: null,
      modes: { [PTY_ECHO]: 0, [PTY_ICANON]: 1 },
      extra: 'inspected',
      canWriteEof: true,
    });
    // The window change updated getTerminalSize.
    expect(rest.join('\n')).toBe('size 120,50,0,0\n');
    expect(r.stderr).toBe('e1\ne2\ne3\n');
    expect(r.exit_status).toBe(0);
    expect(results.inspectSub).toMatchObject({
      stdout: '{"subsystem":"probe","command":null}',
      exit_status: 0,
    });
  });

  it('SSHServerChannel.pauseReading holds the client back until resumeReading', () => {
    expect(results.pause).toMatchObject({ stdout: `held=none total=${1 << 20}\n`, exit_status: 0 });
  });

  it('SSHServerProcess.isClosing and SSHServerChannel.isClosing: false while running, true once closed', () => {
    expect(results.closing).toMatchObject({ stdout: 'closing false false\n', exit_status: 3 });
    expect(serverClosing).toEqual([true, true]);
  });

  it('SSHServerSession through createServerChannel: ptyRequested, terminalSizeChanged, breakReceived, subsystemRequested', () => {
    expect(results.interactive).toMatchObject({
      stdout: 'ready pty xterm 80x24x0x0\nsize 132x43 10x20\nbreak 250\n',
      exit_status: 0,
    });
    expect(results.refusedPty?.error).toMatch(/PTY/);
    expect(results.greeter).toMatchObject({ stdout: 'hello from greeter\n', exit_status: 0 });
    expect(results.unknownSubsystem?.error).toMatch(/ChannelOpenError/);
  });

  it('SSHServerChannel.setWriteBufferLimits: SSHServerSession.pauseWriting and resumeWriting follow the marks', () => {
    expect(results.floodLow?.stdout).toHaveLength(4 << 20);
    expect(results.floodLow?.stderr).toBe('events pause,resume\n');
    expect(results.floodHigh?.stdout).toHaveLength(4 << 20);
    expect(results.floodHigh?.stderr).toBe('events \n');
  });

  it('lineEditor (default on, and off), lineHistory, maxLineLength; sessionFactory serves the shell', () => {
    // The editor erases and echoes; without it the bytes arrive as typed, with no echo.
    expect(results.editorErase?.stdout).toContain('got [ac]\r\n');
    expect(results.editorErase?.stdout).toContain('ab');
    expect(results.rawErase?.stdout).toBe('> got [ab<127>c]\n> ');
    // Up-arrow recalls the last line; lineHistory: 0 keeps none.
    expect(results.editorHistory?.stdout).toMatch(/got \[first\][\s\S]*got \[first\]/);
    expect(results.noHistory?.stdout).toMatch(/got \[first\][\s\S]*got \[\]/);
    // maxLineLength: 5 refuses the sixth character on (with a bell).
    expect(results.editorLong?.stdout).toContain('got [abcdefgh]');
    expect(results.shortLong?.stdout).toContain('got [abcde]');
    expect(results.shortLong?.stdout).toContain('\x07');
  });

  it('SSHLineEditorChannel.unregisterKey: Ctrl-U no longer erases the line', () => {
    expect(results.killLine?.stdout).toContain('got [d]');
    expect(results.unbound?.stdout).toContain('got [abcd]');
  });
});
