import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SSHKey } from '@ssh/crypto';
import { type Generation, makePeerWorkdir, peerHost, SYSTEM_PYTHON } from '@ssh/testing';

const SCRIPT = fileURLToPath(new URL('./session_client.py', import.meta.url));

/** Run session_client.py (AsyncSSH's client) against a server on 127.0.0.1; resolves with its JSON report. */
export async function runAsyncSshSessionClient(
  generation: Generation,
  server: { port: number; knownHosts: string; userKey: SSHKey },
): Promise<Record<string, unknown>> {
  const host = peerHost(generation);
  if (!host) throw new Error(`AsyncSSH (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'asyncssh-session-client');
  try {
    copyFileSync(SCRIPT, wd.file('client.py').local);
    writeFileSync(wd.file('known_hosts').local, server.knownHosts);
    writeFileSync(wd.file('id').local, server.userKey.exportPrivateKey('openssh'), { mode: 0o600 });
    const cmd = host.command([
      SYSTEM_PYTHON,
      '-W',
      'ignore',
      wd.file('client.py').peer,
      '--port',
      String(server.port),
      '--known-hosts',
      wd.file('known_hosts').peer,
      '--key',
      wd.file('id').peer,
    ]);
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stdout: out, stderr: err });
      });
    });
    if (code !== 0)
      throw new Error(`AsyncSSH client exited ${code}: ${stderr.trim().split('\n').slice(-6).join('\n')}`);
    return JSON.parse(stdout) as Record<string, unknown>;
  } finally {
    wd.remove();
  }
}
