// Pipe a local process's output into a remote command
// (AsyncSSH's redirect_local_pipe.py). The output is taken as a Web stream
// at once: Node discards what a child wrote to a pipe nobody reads once the
// child has exited.
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const local = spawn('printf', ['1\\n2\\n3\\n'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const result = await conn.run('tac', { stdin: Readable.toWeb(local.stdout) });
  process.stdout.write(result.stdout ?? '');
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
