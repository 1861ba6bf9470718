// Download a file with SFTP (AsyncSSH's sftp_client.py). The second
// argument names the remote file (default example.txt, in the login's home
// folder); it is saved under its own name in the current folder.
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
const remotePath = process.argv[3] ?? 'example.txt';
try {
  await using conn = await connect(host, options);
  await using sftp = await conn.startSftpClient();
  await sftp.get(remotePath);
} catch (err) {
  console.error(`SFTP operation failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
