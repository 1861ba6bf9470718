// Set environment variables for a remote command (AsyncSSH's
// set_environment.py). Servers accept only the names they are told to
// (OpenSSH: AcceptEnv in sshd_config).
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const result = await conn.run('env', { env: { LANG: 'en_GB', LC_COLLATE: 'C' } });
  process.stdout.write(result.stdout ?? '');
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
