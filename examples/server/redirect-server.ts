// Connect a client to a local program: each session runs `bc` on the
// server with its input and output redirected to the client
// (AsyncSSH's redirect_server.py).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { listen, type SSHServerProcess } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

async function handleClient(proc: SSHServerProcess): Promise<void> {
  const bc = spawn('bc', ['-q'], { stdio: 'pipe' });
  const exited = once(bc, 'exit');
  await proc.redirect(Writable.toWeb(bc.stdin), Readable.toWeb(bc.stdout), Readable.toWeb(bc.stderr));
  const [code] = (await exited) as [number | null];
  proc.exit(code ?? 1);
}

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    processFactory: handleClient,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
