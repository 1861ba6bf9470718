// Show the client's terminal type and size, and each new size as the
// client's window changes (AsyncSSH's show_terminal.py). Connect with a
// terminal, e.g. `ssh -t`; the session ends at EOF.
import { listen, type SSHServerProcess, TerminalSizeChanged } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

function size(width: number, height: number, pixwidth: number, pixheight: number): string {
  return `${width}x${height}${pixwidth && pixheight ? ` (${pixwidth}x${pixheight} pixels)` : ''}`;
}

async function handleClient(proc: SSHServerProcess): Promise<void> {
  proc.stdout.write(`Terminal type: ${proc.termType}, size: ${size(...proc.termSize)}\n`);
  proc.stdout.write('Try resizing your window!\n');
  while (!proc.stdin.atEof()) {
    try {
      await proc.stdin.read();
    } catch (err) {
      if (!(err instanceof TerminalSizeChanged)) throw err;
      proc.stdout.write(`New window size: ${size(err.width, err.height, err.pixwidth, err.pixheight)}\n`);
    }
  }
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
