// Log in to a server and run one command, printing what it wrote
// (AsyncSSH's simple_client.py). The connection closes at the end of the block.
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const result = await conn.run('echo "Hello!"', { check: true });
  process.stdout.write(result.stdout ?? '');
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
