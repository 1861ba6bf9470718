import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type Generation, makePeerWorkdir, peerHost } from '@ssh/testing';

/** What a run of OpenSSH's scp or sftp printed. */
export interface ToolRun {
  code: number | null;
  stdout: string;
  /** stdout as bytes. */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Our server as an OpenSSH tool needs it. */
export interface ToolTarget {
  port: number;
  knownHosts: string;
  userKeyText: string;
}

/**
 * Run OpenSSH's `scp`, `sftp` or `ssh` (of one generation) against our server on
 * 127.0.0.1 with a throwaway known_hosts and key; `args` come before the paths
 * and `stdin` feeds sftp's batch file ('-b -').
 */
export async function runOpenSshTool(
  generation: Generation,
  tool: 'scp' | 'sftp' | 'ssh',
  target: ToolTarget,
  args: readonly string[],
  stdin: string | Uint8Array = '',
): Promise<ToolRun> {
  const host = peerHost(generation);
  if (!host) throw new Error(`OpenSSH (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, `${tool}-client`);
  try {
    writeFileSync(wd.file('known_hosts').local, target.knownHosts);
    writeFileSync(wd.file('id').local, target.userKeyText, { mode: 0o600 });
    const argv = [
      tool,
      '-F',
      '/dev/null',
      tool === 'ssh' ? '-p' : '-P',
      String(target.port),
      '-i',
      wd.file('id').peer,
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${wd.file('known_hosts').peer}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'IdentitiesOnly=yes',
      ...args,
    ];
    const cmd = host.command(argv);
    return await new Promise<ToolRun>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        out.push(d);
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdin.end(stdin);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        const stdoutBytes = Buffer.concat(out);
        resolve({ code, stdout: stdoutBytes.toString(), stdoutBytes, stderr });
      });
    });
  } finally {
    wd.remove();
  }
}
