// A reverse-direction client (AsyncSSH's reverse_client.py): it opens the
// TCP connection, then plays the SSH server, running the shell commands the
// other end sends. The first argument is the host:port to dial (default
// localhost:8022). Our host key is in ./client_host_key (or SSH_HOST_KEY);
// the keys the other end may log in with are in ./trusted_server_keys, an
// authorized_keys file (or SSH_AUTHORIZED_KEYS). Data stays bytes
// (`encoding: null`), so any output goes through unchanged.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { connectReverse, type SSHServerProcess } from '@ssh/ssh';

async function handleRequest(proc: SSHServerProcess): Promise<void> {
  if (proc.command === null) {
    proc.stderr.write(new TextEncoder().encode('Only commands are run here.\n'));
    proc.exit(1);
    return;
  }
  const local = spawn(proc.command, { shell: true, stdio: 'pipe' });
  const exited = once(local, 'exit');
  await proc.redirect(
    Writable.toWeb(local.stdin),
    Readable.toWeb(local.stdout),
    Readable.toWeb(local.stderr),
  );
  const [code] = (await exited) as [number | null];
  proc.exit(code ?? 1);
}

const [host = 'localhost', port = '8022'] = (process.argv[2] ?? '').split(':').filter(Boolean);
try {
  const conn = await connectReverse(host, {
    port: Number(port),
    serverHostKeys: [process.env.SSH_HOST_KEY ?? 'client_host_key'],
    authorizedClientKeys: process.env.SSH_AUTHORIZED_KEYS ?? 'trusted_server_keys',
    processFactory: handleRequest,
    encoding: null,
  });
  await conn.waitClosed();
} catch (err) {
  console.error(`Reverse SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
