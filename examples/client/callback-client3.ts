// The callback client again, sending the command's stderr to our stderr
// (AsyncSSH's callback_client3.py): `datatype` tells the two streams apart.
import { type ChannelData, connect, type DataType, EXTENDED_DATA_STDERR, SSHClientSession } from '@ssh/ssh';
import { target } from './target.js';

class MySSHClientSession extends SSHClientSession {
  override dataReceived(data: ChannelData, datatype: DataType): void {
    if (datatype === EXTENDED_DATA_STDERR) process.stderr.write(data);
    else process.stdout.write(data);
  }

  override connectionLost(exc: Error | null): void {
    if (exc) console.error(`SSH session error: ${exc.message}`);
  }
}

const [host, options] = target();
try {
  await using conn = await connect(host, options);
  const [channel] = await conn.createSession(() => new MySSHClientSession(), { command: 'ls abc' });
  await channel.waitClosed();
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
