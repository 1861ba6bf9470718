// Talk to a running remote process: start the calculator `bc` and send it
// sums one line at a time, reading each answer back (AsyncSSH's math_client.py).
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  await using bc = await conn.createProcess('bc');
  for (const op of ['2+2', '1*2*3*4', '2^32']) {
    bc.stdin.write(`${op}\n`);
    const answer = await bc.stdout.readline();
    console.log(`${op} = ${String(answer).trimEnd()}`);
  }
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
