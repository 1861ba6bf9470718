// Ask the server to open a TCP connection and talk over it directly
// (AsyncSSH's direct_client.py): an HTTP HEAD request for "/". The second
// argument is the host:port to reach from the server (default
// www.google.com:80). Data on TCP channels is bytes unless an encoding is set.
import { type ChannelData, connect, type DataType, SSHTCPSession } from '@ssh/ssh';
import { target } from './target.js';

class MySSHTCPSession extends SSHTCPSession {
  override dataReceived(data: ChannelData, _datatype: DataType): void {
    process.stdout.write(data);
  }

  override connectionLost(exc: Error | null): void {
    if (exc) console.error(`Direct connection error: ${exc.message}`);
  }
}

const [host, options] = target();
const [webHost = 'www.google.com', webPort = '80'] = (process.argv[3] ?? '').split(':').filter(Boolean);
try {
  await using conn = await connect(host, options);
  const [channel] = await conn.createConnection(() => new MySSHTCPSession(), webHost, Number(webPort));
  channel.write(new TextEncoder().encode('HEAD / HTTP/1.0\r\n\r\n'));
  channel.writeEof();
  await channel.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
