// Local port forwarding (AsyncSSH's local_forwarding_client.py), like
// `ssh -L 8080:www.example.com:80`: each connection to local port 8080 is
// carried through the server, which connects it to www.example.com:80. The
// second argument is the host:port to reach from the server, the third the
// [address:]port to listen on here (default every address, port 8080). It
// runs until the connection closes.
import { connect } from '@ssh/ssh';
import { hostPort, target } from './target.js';

const [host, options] = target();
const [destHost, destPort] = hostPort(process.argv[3], ['www.example.com', 80]);
const [listenHost, listenPort] = hostPort(process.argv[4], ['', 8080]);
try {
  await using conn = await connect(host, options);
  const listener = await conn.forwardLocalPort(listenHost, listenPort, destHost, destPort);
  await listener.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
