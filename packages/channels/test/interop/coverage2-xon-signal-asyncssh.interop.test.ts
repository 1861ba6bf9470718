import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasAsyncSsh, makePeerWorkdir, missingPeer, peerHost, SYSTEM_PYTHON } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptSessions,
  createServerChannel,
  type SSHConnection,
  type SSHServerChannel,
  SSHServerSession,
} from '../../src/index.js';
import { startOurServer } from './our-server.js';

// Our server's SSHServerChannel.setXonXoff and SSHServerSession.signalReceived, as
// AsyncSSH's client (asyncssh/coverage2_xon_signal.py) sees and drives them.

const SCRIPT = fileURLToPath(new URL('./asyncssh/coverage2_xon_signal.py', import.meta.url));
const enc = new TextEncoder();

interface Run {
  out: string;
  events: [string, boolean | number][];
}

/** Commands: `xon 1` / `xon 0` send xon-xoff and exit; `sig` waits for a signal and reports it. */
class Handler extends SSHServerSession {
  chan: SSHServerChannel | null = null;
  cmd = '';
  override connectionMade(channel: unknown): void {
    this.chan = channel as SSHServerChannel;
  }
  override execRequested(command: string): boolean {
    this.cmd = command;
    return true;
  }
  override sessionStarted(): void {
    const chan = this.chan as SSHServerChannel;
    if (this.cmd.startsWith('xon ')) {
      chan.setXonXoff(this.cmd === 'xon 1');
      chan.write(enc.encode('sent\n'));
      chan.exit(0);
    } else if (this.cmd === 'sig') {
      chan.write(enc.encode('ready\n'));
    } else chan.exit(127);
  }
  override signalReceived(signal: string): void {
    this.chan?.write(enc.encode(`got ${signal}\n`));
    this.chan?.exit(5);
  }
}

async function runAsyncSsh(
  server: Awaited<ReturnType<typeof startOurServer>>,
  runs: [string, string, string | null][],
): Promise<Record<string, Run>> {
  const host = peerHost('debian12');
  if (!host) throw new Error('debian12 peers are not installed');
  const wd = makePeerWorkdir(host, 'asyncssh-cov2');
  try {
    copyFileSync(SCRIPT, wd.file('client.py').local);
    writeFileSync(wd.file('known_hosts').local, server.knownHosts);
    writeFileSync(wd.file('id').local, server.userKey.exportPrivateKey('openssh'), { mode: 0o600 });
    const input = JSON.stringify({
      port: server.port,
      known_hosts: wd.file('known_hosts').peer,
      key: wd.file('id').peer,
      runs,
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
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stdout: out, stderr: err });
      });
      child.stdin.end(input);
    });
    if (code !== 0)
      throw new Error(`AsyncSSH client exited ${code}: ${stderr.trim().split('\n').slice(-8).join('\n')}`);
    return JSON.parse(stdout) as Record<string, Run>;
  } finally {
    wd.remove();
  }
}

const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;

describe.skipIf(skip)("setXonXoff and signalReceived, with AsyncSSH's client", () => {
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let results: Record<string, Run> = {};
  beforeAll(async () => {
    server = await startOurServer(
      {},
      {
        onConnection: (conn: SSHConnection) =>
          acceptSessions(conn, {
            sessionRequested: () => [createServerChannel(conn, { encoding: null }), new Handler()],
          }),
      },
    );
    results = await runAsyncSsh(server, [
      ['on', 'xon 1', null],
      ['off', 'xon 0', null],
      ['sig', 'sig', 'USR1'],
    ]);
  }, 60_000);
  afterAll(() => server?.close());

  it('SSHServerChannel.setXonXoff: AsyncSSH xon_xoff_requested gets the flag, before the exit status', () => {
    expect(results.on).toEqual({
      out: 'sent\n',
      events: [
        ['xon-xoff', true],
        ['exit', 0],
      ],
    });
    expect(results.off).toEqual({
      out: 'sent\n',
      events: [
        ['xon-xoff', false],
        ['exit', 0],
      ],
    });
  });

  it("SSHServerSession.signalReceived: gets the signal AsyncSSH's send_signal sent", () => {
    expect(results.sig).toEqual({ out: 'ready\ngot USR1\n', events: [['exit', 5]] });
  });
});
