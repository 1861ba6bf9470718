// Local port forwarding on a port the system picks (AsyncSSH's
// local_forwarding_client2.py): listen on port 0, then print the port chosen.
// The second argument is the host:port to reach from the server (default
// www.example.com:80).
import { connect } from '@ssh/ssh';
import { hostPort, target } from './target.js';

const [host, options] = target();
const [destHost, destPort] = hostPort(process.argv[3], ['www.example.com', 80]);
try {
  await using conn = await connect(host, options);
  const listener = await conn.forwardLocalPort('', 0, destHost, destPort);
  console.log(`Listening on port ${listener.getPort()}...`);
  await listener.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
