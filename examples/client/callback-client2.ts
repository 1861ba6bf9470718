// The simple client with callbacks (AsyncSSH's callback_client2.py): a
// session object gets the command's output as it arrives.
import { type ChannelData, connect, type DataType, SSHClientSession } from '@ssh/ssh';
import { target } from './target.js';

class MySSHClientSession extends SSHClientSession {
  override dataReceived(data: ChannelData, _datatype: DataType): void {
    process.stdout.write(data);
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
