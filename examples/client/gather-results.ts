// Run one command on several servers at once and report on each when all
// are done (AsyncSSH's gather_results.py). Every argument is a server
// ([user@]host[:port]); without any, localhost five times.
import { connect } from '@ssh/ssh';
import { target } from './target.js';

async function runClient(destination: string, command: string) {
  const [host, options] = target(destination);
  await using conn = await connect(host, options);
  return await conn.run(command);
}

const destinations = process.argv.length > 2 ? process.argv.slice(2) : Array(5).fill('localhost');
const results = await Promise.allSettled(destinations.map((d) => runClient(d, 'ls abc')));
results.forEach((result, i) => {
  if (result.status === 'rejected') {
    const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
    console.log(`Task ${i + 1} failed: ${reason}`);
  } else if (result.value.exitStatus !== 0) {
    console.log(`Task ${i + 1} exited with status ${result.value.exitStatus}:`);
    process.stdout.write(result.value.stderr ?? '');
  } else {
    console.log(`Task ${i + 1} succeeded:`);
    process.stdout.write(result.value.stdout ?? '');
  }
  console.log('-'.repeat(75));
});
