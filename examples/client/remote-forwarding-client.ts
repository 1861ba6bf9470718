// Remote port forwarding (AsyncSSH's remote_forwarding_client.py), like
// `ssh -R 8080:localhost:80`: the server listens on its port 8080 and sends
// each connection back here, where it is connected to localhost:80. The
// second argument is the host:port to connect to here, the third the
// [address:]port the server listens on (default 8080 on the addresses the
// server allows; 0 lets the server pick). Once the server listens it prints
// the port, and it runs until the connection closes.
import { connect } from '@ssh/ssh';
import { hostPort, target } from './target.js';

const [host, options] = target();
const [destHost, destPort] = hostPort(process.argv[3], ['localhost', 80]);
const [listenHost, listenPort] = hostPort(process.argv[4], ['', 8080]);
try {
  await using conn = await connect(host, options);
  const listener = await conn.forwardRemotePort(listenHost, listenPort, destHost, destPort);
  console.log(`Listening on port ${listener.getPort()}...`);
  await listener.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
