import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasAsyncSsh, makePeerWorkdir, missingPeer, peerHost, SYSTEM_PYTHON } from '@ssh/testing';
import { PTY_ECHO, PTY_ICANON, PTY_VINTR } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SSHServerProcess } from '../../src/index.js';
import { startOurServer } from './our-server.js';

// SSHServerProcess.termModes: the terminal modes AsyncSSH's client sent with its PTY request
// (driven by asyncssh/asyncssh_scenarios.py), as our server's process sees them.

const SCRIPT = fileURLToPath(new URL('./asyncssh/asyncssh_scenarios.py', import.meta.url));

interface Outcome {
  stdout?: string;
  exit_status?: number | null;
  error?: string;
}

async function runScenarios(scenarios: object[], knownHosts: string, key: Uint8Array): Promise<Outcome[]> {
  const host = peerHost('debian12');
  if (!host) throw new Error('debian12 peers are not installed');
  const wd = makePeerWorkdir(host, 'asyncssh-cov2-modes');
  try {
    copyFileSync(SCRIPT, wd.file('client.py').local);
    writeFileSync(wd.file('known_hosts').local, knownHosts);
    writeFileSync(wd.file('id').local, key, { mode: 0o600 });
    const input = JSON.stringify({
      known_hosts: wd.file('known_hosts').peer,
      key: wd.file('id').peer,
      scenarios,
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
    return JSON.parse(stdout) as Outcome[];
  } finally {
    wd.remove();
  }
}

const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;

describe.skipIf(skip)("SSHServerProcess.termModes, with AsyncSSH's client", () => {
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let results: Outcome[] = [];
  beforeAll(async () => {
    server = await startOurServer({
      processFactory: (p: SSHServerProcess) => {
        const modes = p.termModes;
        const picked = [PTY_VINTR, PTY_ECHO, PTY_ICANON].map((op) => modes[op] ?? 'absent');
        p.stdout.write(`${p.termType ?? 'no-pty'} ${picked.join(',')}\n`);
        p.exit(0);
      },
    });
    const base = { port: server.port, command: 'modes' };
    results = await runScenarios(
      [
        { ...base, term_type: 'xterm', term_modes: { [PTY_VINTR]: 7, [PTY_ECHO]: 0, [PTY_ICANON]: 1 } },
        { ...base, term_type: 'vt100', term_modes: { [PTY_ECHO]: 1 } },
        base,
      ],
      server.knownHosts,
      server.userKey.exportPrivateKey('openssh'),
    );
  }, 60_000);
  afterAll(() => server?.close());

  it('termModes holds the opcodes and values the client sent, and nothing without a PTY', () => {
    expect(results.map((r) => r.stdout?.replace(/\r/g, ''))).toEqual([
      'xterm 7,0,1\n',
      'vt100 absent,1,absent\n',
      'no-pty absent,absent,absent\n',
    ]);
  });
});
