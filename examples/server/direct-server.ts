// A server that answers the client's direct TCP connections itself
// (AsyncSSH's direct_server.py): a connection to port 7 of any host gets
// a session object that echoes what it receives; any other is refused.
// Try it with `ssh -W localhost:7 -p 8022 localhost`.
import {
  type ChannelData,
  ChannelOpenError,
  type DataType,
  listen,
  OPEN_ADMINISTRATIVELY_PROHIBITED,
  type SSHChannel,
  SSHServer,
  SSHTCPSession,
} from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

class MySSHTCPSession extends SSHTCPSession {
  private channel: SSHChannel | null = null;

  override connectionMade(channel: SSHChannel): void {
    this.channel = channel;
  }

  override dataReceived(data: ChannelData, _datatype: DataType): void {
    this.channel?.write(data);
  }
}

class MySSHServer extends SSHServer {
  override connectionRequested(
    _destHost: string,
    destPort: number,
    _origHost: string,
    _origPort: number,
  ): MySSHTCPSession {
    if (destPort === 7) return new MySSHTCPSession();
    throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'Only echo connections allowed');
  }
}

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    serverFactory: () => new MySSHServer(),
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
