// A server that reads input: it adds up a column of numbers and prints the
// total at EOF or on a break (AsyncSSH's math_server.py).
import { BreakReceived, listen, type SSHServerProcess } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

async function handleClient(proc: SSHServerProcess): Promise<void> {
  proc.stdout.write('Enter numbers one per line, or EOF when done:\n');
  let total = 0;
  try {
    for await (const line of proc.stdin) {
      const text = String(line).trim();
      if (/^[+-]?\d+$/.test(text)) total += Number(text);
      else if (text) proc.stderr.write(`Invalid number: ${text}\n`);
    }
  } catch (err) {
    if (!(err instanceof BreakReceived)) throw err;
  }
  proc.stdout.write(`Total = ${total}\n`);
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
