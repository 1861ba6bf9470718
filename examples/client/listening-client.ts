// Ask the server to listen for TCP connections and serve them here
// (AsyncSSH's listening_client.py): each connection to the server's port
// 8888 comes back as a channel to a session object that echoes what it
// receives. The second argument is the [address:]port the server listens on
// (default 8888 on the addresses the server allows; 0 lets it pick), printed
// once it listens. Text comes as strings with `encoding: 'utf-8'`.
import {
  type ChannelData,
  ChannelListenError,
  connect,
  type DataType,
  type SSHChannel,
  SSHTCPSession,
} from '@ssh/ssh';
import { hostPort, target } from './target.js';

class MySSHTCPSession extends SSHTCPSession {
  private channel: SSHChannel | null = null;

  override connectionMade(channel: SSHChannel): void {
    this.channel = channel;
  }

  override dataReceived(data: ChannelData, _datatype: DataType): void {
    this.channel?.write(data);
  }
}

function connectionRequested(origHost: string, origPort: number): MySSHTCPSession {
  console.log(`Connection received from ${origHost}, port ${origPort}`);
  return new MySSHTCPSession();
}

const [host, options] = target();
const [listenHost, listenPort] = hostPort(process.argv[3], ['', 8888]);
try {
  await using conn = await connect(host, options);
  const server = await conn.createServer(connectionRequested, listenHost, listenPort, { encoding: 'utf-8' });
  console.log(`Listening on port ${server.getPort()}...`);
  await server.waitClosed();
} catch (err) {
  if (err instanceof ChannelListenError) console.error("Listener couldn't be opened.");
  else console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
