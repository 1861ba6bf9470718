import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type Generation, peerHost } from '../generation.js';
import { makePeerWorkdir } from '../workdir.js';

/** What a finished `ssh` run printed. */
export interface SshClientRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one run of OpenSSH's `ssh` client. */
export interface SshClientOptions {
  generation?: Generation;
  port: number;
  /** known_hosts lines that must verify the server (StrictHostKeyChecking=yes). */
  knownHosts: string;
  /** Extra `-o` options, e.g. `KexAlgorithms=curve25519-sha256`. */
  options?: readonly string[];
  /** More arguments before the destination, e.g. `['-W', 'host:port']`. */
  extraArgs?: readonly string[];
  /** The remote command, if any. */
  command?: string;
  user?: string;
  /** Kill it after this many ms (default 15000). */
  timeoutMs?: number;
  /** A private key file's contents to log in with (`-i`, IdentitiesOnly). */
  identity?: string;
  /** A password typed by `sshpass` (password and keyboard-interactive prompts); turns BatchMode off. */
  password?: string;
  /** Environment variables for ssh on top of ours (e.g. SSH_AUTH_SOCK for `-A`). */
  env?: Readonly<Record<string, string>>;
}

/** Run OpenSSH `ssh -vvv` in batch mode against 127.0.0.1 and collect its output. */
export async function runOpenSshClient(opts: SshClientOptions): Promise<SshClientRun> {
  const generation = opts.generation ?? 'debian12';
  const host = peerHost(generation);
  if (!host?.has('/usr/bin/ssh')) throw new Error(`OpenSSH ssh (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'ssh-client');
  try {
    writeFileSync(wd.file('known_hosts').local, opts.knownHosts);
    if (opts.identity) writeFileSync(wd.file('id').local, opts.identity, { mode: 0o600 });
    const argv = [
      'ssh',
      '-vvv',
      '-F',
      '/dev/null',
      '-p',
      String(opts.port),
      '-o',
      `BatchMode=${opts.password === undefined ? 'yes' : 'no'}`,
      ...(opts.identity ? ['-i', wd.file('id').peer] : []),
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${wd.file('known_hosts').peer}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'ConnectTimeout=10',
      ...(opts.options ?? []).flatMap((o) => ['-o', o]),
      ...(opts.extraArgs ?? []),
      `${opts.user ?? 'root'}@127.0.0.1`,
      ...(opts.command ? [opts.command] : []),
    ];
    let cmd = host.command(argv);
    if (opts.password !== undefined)
      cmd = { file: 'sshpass', args: ['-p', opts.password, cmd.file, ...cmd.args] };
    return await new Promise<SshClientRun>((resolve) => {
      const child = spawn(cmd.file, cmd.args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    wd.remove();
  }
}
