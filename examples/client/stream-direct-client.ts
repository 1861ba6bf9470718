// The direct TCP connection again, with streams instead of a session object
// (AsyncSSH's stream_direct_client.py). The second argument is the
// host:port to reach from the server (default www.google.com:80).
import { connect } from '@ssh/ssh';
import { target } from './target.js';

const [host, options] = target();
const [webHost = 'www.google.com', webPort = '80'] = (process.argv[3] ?? '').split(':').filter(Boolean);
try {
  await using conn = await connect(host, options);
  const [reader, writer] = await conn.openConnection(webHost, Number(webPort));
  writer.write(new TextEncoder().encode('HEAD / HTTP/1.0\r\n\r\n'));
  writer.writeEof();
  process.stdout.write(await reader.read());
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
