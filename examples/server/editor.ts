// Line editing for clients with a terminal: input comes a line at a time
// with echo, and the server can turn echo or line mode off
// (AsyncSSH's editor.py). Connect with a terminal, e.g. `ssh -t`.
import { listen, type SSHServerProcess } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

async function handleClient(proc: SSHServerProcess): Promise<void> {
  proc.stdout.write(`Welcome to my SSH server, ${proc.getExtraInfo('username')}!\n\n`);
  proc.channel.lineEditor?.setEcho(false);
  proc.stdout.write('Tell me a secret: ');
  await proc.stdin.readline();

  proc.channel.lineEditor?.setLineMode(false);
  proc.stdout.write('\nYour secret is safe with me! Press any key to exit...');
  await proc.stdin.read(1);

  proc.stdout.write('\n');
  proc.exit(0);
}

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    processFactory: handleClient,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
