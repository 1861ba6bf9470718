import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generation, makePeerWorkdir, peerHost } from '@ssh/testing';
import type { ToolTarget } from './server-openssh-tools.js';

const SFTP_SCRIPT = fileURLToPath(new URL('./python/sftp_server_ops.py', import.meta.url));
const SCP_SCRIPT = fileURLToPath(new URL('./python/scp_client_ops.py', import.meta.url));

/** Run the AsyncSSH script of one generation for the given SFTP versions; one result per version. */
export function driveAsyncSshSftp(
  generation: Generation,
  server: ToolTarget,
  versions: number[],
): Promise<Record<string, unknown>[]> {
  return runScript(SFTP_SCRIPT, generation, server, versions.map(String));
}

/** Run asyncssh.scp (python/scp_client_ops.py) of one generation against our server; its JSON result. */
export async function driveAsyncSshScp(
  generation: Generation,
  server: ToolTarget,
): Promise<Record<string, unknown>> {
  const [result] = await runScript(SCP_SCRIPT, generation, server, []);
  return result ?? {};
}

async function runScript(
  script: string,
  generation: Generation,
  server: ToolTarget,
  extra: string[],
): Promise<Record<string, unknown>[]> {
  const host = peerHost(generation) as NonNullable<ReturnType<typeof peerHost>>;
  const wd = makePeerWorkdir(host, 'asyncssh-sftp');
  try {
    copyFileSync(script, wd.file('ops.py').local);
    writeFileSync(wd.file('known_hosts').local, server.knownHosts);
    writeFileSync(wd.file('id').local, server.userKeyText, { mode: 0o600 });
    const argv = ['/usr/bin/python3', '-W', 'ignore', wd.file('ops.py').peer, String(server.port)];
    argv.push(wd.file('known_hosts').peer, wd.file('id').peer, wd.peer, generation, ...extra);
    const cmd = host.command(argv);
    const out = await new Promise<string>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text.trim() || `{"error": ${JSON.stringify(err.slice(-500))}}`);
      });
    });
    return out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  } finally {
    wd.remove();
  }
}
