import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generation, peerHost } from '../generation.js';
import { makePeerWorkdir } from '../workdir.js';
import { SYSTEM_PYTHON } from './asyncssh.js';

const SCRIPT = fileURLToPath(new URL('../../python/asyncssh_client.py', import.meta.url));

/** Algorithm lists by kind for one AsyncSSH connection. */
export type AlgorithmChoice = Partial<
  Record<'kex' | 'encryption' | 'mac' | 'server-host-key' | 'compression', string>
>;

/** Options for one run of AsyncSSH's client. */
export interface AsyncSshClientOptions {
  generation?: Generation;
  port: number;
  /** known_hosts lines that must verify the server. */
  knownHosts: string;
  /** Algorithm lists by kind: kex, encryption, mac, server-host-key, compression. */
  algorithms?: AlgorithmChoice;
  /** Several connections in one run, one verdict line each (saves Python's start-up). */
  batch?: readonly AlgorithmChoice[];
  command?: string;
  user?: string;
  /** A password to log in with (password auth). */
  password?: string;
  timeoutMs?: number;
}

/** Run AsyncSSH's client; resolves with its verdict lines, one per connection (see asyncssh_client.py). */
export async function runAsyncSshClient(opts: AsyncSshClientOptions): Promise<string> {
  const generation = opts.generation ?? 'debian12';
  const host = peerHost(generation);
  if (!host) throw new Error(`AsyncSSH (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'asyncssh-client');
  try {
    copyFileSync(SCRIPT, wd.file('client.py').local);
    writeFileSync(wd.file('known_hosts').local, opts.knownHosts);
    const argv = [
      SYSTEM_PYTHON,
      '-W',
      'ignore',
      wd.file('client.py').peer,
      '--port',
      String(opts.port),
      '--known-hosts',
      wd.file('known_hosts').peer,
    ];
    if (opts.user) argv.push('--user', opts.user);
    if (opts.password !== undefined) argv.push('--password', opts.password);
    if (opts.command !== undefined) argv.push('--command', opts.command);
    for (const [kind, list] of Object.entries(opts.algorithms ?? {})) argv.push(`--${kind}`, list);
    if (opts.batch) argv.push('--batch', JSON.stringify(opts.batch));
    const cmd = host.command(argv);
    return await new Promise<string>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(out.trim() || `ERROR no output: ${err.trim().split('\n').slice(-3).join(' | ')}`);
      });
    });
  } finally {
    wd.remove();
  }
}
