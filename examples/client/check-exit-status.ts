// Look at a remote command's exit status (AsyncSSH's check_exit_status.py).
// With `{ check: true }`, run() would throw ProcessError instead.
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const result = await conn.run('ls abc');
  if (result.exitStatus === 0) {
    process.stdout.write(result.stdout ?? '');
  } else {
    process.stderr.write(result.stderr ?? '');
    console.error(`Program exited with status ${result.exitStatus}`);
  }
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
