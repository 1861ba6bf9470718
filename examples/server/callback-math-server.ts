// The math server written with callbacks (AsyncSSH's
// callback_math_server.py): the SSHServer hands each session to an
// SSHServerSession whose methods the channel calls.
import { type ChannelData, listen, SSHServer, SSHServerChannel, SSHServerSession } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

class MySSHServerSession extends SSHServerSession {
  private channel: SSHServerChannel | null = null;
  private input = '';
  private total = 0;

  override connectionMade(channel: unknown): void {
    if (channel instanceof SSHServerChannel) this.channel = channel;
  }

  override shellRequested(): boolean {
    return true;
  }

  override sessionStarted(): void {
    this.channel?.write('Enter numbers one per line, or EOF when done:\n');
  }

  override dataReceived(data: ChannelData): void {
    this.input += String(data);
    const lines = this.input.split('\n');
    this.input = lines.pop() ?? '';
    for (const line of lines) {
      const text = line.trim();
      if (/^[+-]?\d+$/.test(text)) this.total += Number(text);
      else if (text) this.channel?.writeStderr(`Invalid number: ${text}\n`);
    }
  }

  override eofReceived(): boolean {
    this.channel?.write(`Total = ${this.total}\n`);
    this.channel?.exit(0);
    return false;
  }

  override breakReceived(_msec: number): boolean {
    this.eofReceived();
    return true;
  }
}

class MySSHServer extends SSHServer {
  override sessionRequested(): SSHServerSession {
    return new MySSHServerSession();
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
