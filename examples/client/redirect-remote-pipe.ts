// Pipe one remote process into another (AsyncSSH's redirect_remote_pipe.py).
// Both run on one connection here; they could as well be on two servers.
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const proc1 = await conn.createProcess("printf '1\\n2\\n3\\n'");
  const result = await conn.run('tac', { stdin: proc1.stdout });
  process.stdout.write(result.stdout ?? '');
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
