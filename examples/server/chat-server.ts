// A chat room: every line a user types goes to everyone else connected
// (AsyncSSH's chat_server.py), to show one server serving many clients.
import { BreakReceived, listen, type SSHServerProcess } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

class ChatClient {
  private static readonly clients = new Set<ChatClient>();

  constructor(private readonly proc: SSHServerProcess) {}

  static async handleClient(proc: SSHServerProcess): Promise<void> {
    await new ChatClient(proc).run();
  }

  private write(message: string): void {
    this.proc.stdout.write(message);
  }

  private broadcast(message: string): void {
    for (const client of ChatClient.clients) if (client !== this) client.write(message);
  }

  private async run(): Promise<void> {
    this.write('Welcome to chat!\n\n');
    this.write('Enter your name: ');
    const name = String(await this.proc.stdin.readline()).trim();
    this.write(`\n${ChatClient.clients.size} other users are connected.\n\n`);
    ChatClient.clients.add(this);
    this.broadcast(`*** ${name} has entered chat ***\n`);
    try {
      for await (const line of this.proc.stdin) this.broadcast(`${name}: ${line}`);
    } catch (err) {
      if (!(err instanceof BreakReceived)) throw err;
    } finally {
      ChatClient.clients.delete(this);
      this.broadcast(`*** ${name} has left chat ***\n`);
      this.proc.exit(0);
    }
  }
}

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    processFactory: (proc) => ChatClient.handleClient(proc),
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
