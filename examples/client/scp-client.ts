// Download a file with SCP (AsyncSSH's scp_client.py): scp() opens the
// connection for a 'host:path' source with the options given, and closes
// it when the copy is done. The second argument names the remote file
// (default example.txt, in the login's home folder); it is saved under its
// own name in the current folder.
import { scp } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
const remotePath = process.argv[3] ?? 'example.txt';
try {
  await scp(`${host.includes(':') ? `[${host}]` : host}:${remotePath}`, '.', options);
} catch (err) {
  console.error(`SCP operation failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
