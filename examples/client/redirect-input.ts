// Feed a fixed input to a remote command and send its output to a local file
// (AsyncSSH's redirect_input.py; `tac` is GNU's name for BSD's `tail -r`).
// The second argument names the file (default /tmp/stdout).
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
const outputFile = process.argv[3] ?? '/tmp/stdout';
try {
  await using conn = await connect(host, options);
  await conn.run('tac', { input: '1\n2\n3\n', stdout: Writable.toWeb(createWriteStream(outputFile)) });
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
