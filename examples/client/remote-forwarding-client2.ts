// Remote port forwarding that decides per connection (AsyncSSH's
// remote_forwarding_client2.py): the server listens on its port 8080, and
// each connection it sends back is forwarded to localhost:80 here only when
// it came from the server's own loopback address; others are refused. The
// arguments and the port printed are as in remote-forwarding-client.ts.

import { once } from 'node:events';
import net from 'node:net';
import {
  ChannelOpenError,
  connect,
  OPEN_ADMINISTRATIVELY_PROHIBITED,
  OPEN_CONNECT_FAILED,
  SSHForwarder,
} from '@ssh/ssh';
import { hostPort, target } from './target.js';

const [host, options] = target();
const [destHost, destPort] = hostPort(process.argv[3], ['localhost', 80]);
const [listenHost, listenPort] = hostPort(process.argv[4], ['', 8080]);

/** A forwarder joining the channel to a new connection to destHost:destPort. */
async function forwardConnection(): Promise<SSHForwarder> {
  const socket = net.connect({ host: destHost, port: destPort, allowHalfOpen: true });
  try {
    await once(socket, 'connect');
  } catch (err) {
    throw new ChannelOpenError(OPEN_CONNECT_FAILED, `${destHost}:${destPort}: ${(err as Error).message}`);
  }
  return new SSHForwarder(socket);
}

function connectionRequested(origHost: string, _origPort: number): Promise<SSHForwarder> {
  if (origHost === '127.0.0.1' || origHost === '::1') return forwardConnection();
  throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'Connections only allowed from localhost');
}

try {
  await using conn = await connect(host, options);
  const listener = await conn.createServer(connectionRequested, listenHost, listenPort);
  console.log(`Listening on port ${listener.getPort()}...`);
  await listener.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
