// Ask for a pseudo-terminal of a given type and size (AsyncSSH's
// set_terminal.py). With a terminal, the server mixes stderr into stdout
// and ends lines with "\r\n".
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const result = await conn.run('echo $TERM; stty size', { termType: 'xterm-color', termSize: [80, 24] });
  process.stdout.write(result.stdout ?? '');
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
