// The listening client again, with streams instead of a session object
// (AsyncSSH's stream_listening_client.py): each connection to the server's
// port 8888 is handled by a function that echoes what it reads until EOF.
// The second argument and the port printed are as in listening-client.ts.
import { connect, type SSHReader, type SSHWriter } from '@ssh/ssh';
import { hostPort, target } from './target.js';

async function handleConnection(reader: SSHReader, writer: SSHWriter): Promise<void> {
  while (!reader.atEof()) {
    const data = await reader.read(8192);
    writer.write(data);
  }
  writer.close();
}

function connectionRequested(origHost: string, origPort: number) {
  console.log(`Connection received from ${origHost}, port ${origPort}`);
  return handleConnection;
}

const [host, options] = target();
const [listenHost, listenPort] = hostPort(process.argv[3], ['', 8888]);
try {
  await using conn = await connect(host, options);
  const server = await conn.startServer(connectionRequested, listenHost, listenPort, { encoding: 'utf-8' });
  console.log(`Listening on port ${server.getPort()}...`);
  await server.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
