// The echo server for direct TCP connections again, with streams instead
// of a session object (AsyncSSH's stream_direct_server.py): a connection
// to port 7 is handled by a function that echoes what it reads until EOF.
import {
  ChannelOpenError,
  listen,
  OPEN_ADMINISTRATIVELY_PROHIBITED,
  type SSHReader,
  SSHServer,
  type SSHWriter,
} from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

async function handleConnection(reader: SSHReader, writer: SSHWriter): Promise<void> {
  while (!reader.atEof()) {
    const data = await reader.read(8192);
    if (writer.isClosing()) break;
    writer.write(data);
  }
  writer.close();
}

class MySSHServer extends SSHServer {
  override connectionRequested(
    _destHost: string,
    destPort: number,
    _origHost: string,
    _origPort: number,
  ): typeof handleConnection {
    if (destPort === 7) return handleConnection;
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
