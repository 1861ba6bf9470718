// The simple client written with callbacks (AsyncSSH's callback_client.py):
// an SSHClient follows the connection and an SSHClientSession gets the
// command's output as it arrives.
import {
  type ChannelData,
  createConnection,
  type DataType,
  SSHClient,
  type SSHClientConnection,
  SSHClientSession,
} from '@ssh/ssh';
import { target } from './target.js';

class MySSHClientSession extends SSHClientSession {
  override dataReceived(data: ChannelData, _datatype: DataType): void {
    process.stdout.write(data);
  }

  override connectionLost(exc: Error | null): void {
    if (exc) console.error(`SSH session error: ${exc.message}`);
  }
}

class MySSHClient extends SSHClient {
  override connectionMade(conn: SSHClientConnection): void {
    const [address] = conn.getExtraInfo('peername') as [string, number];
    console.log(`Connection made to ${address}.`);
  }

  override authCompleted(): void {
    console.log('Authentication successful.');
  }
}

const [host, { port, ...options }] = target();
try {
  const [conn] = await createConnection(() => new MySSHClient(), host, port, options);
  try {
    const [channel] = await conn.createSession(() => new MySSHClientSession(), { command: 'ls abc' });
    await channel.waitClosed();
  } finally {
    conn.close();
    await conn.waitClosed();
  }
} catch (err) {
  console.error(`SSH connection failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
