// Show the environment variables a client sent, or fail when it sent none
// (AsyncSSH's show_environment.py). OpenSSH's ssh sends them with SendEnv
// or SetEnv.
import { listen, type SSHServerProcess } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

function handleClient(proc: SSHServerProcess): void {
  const env = Object.entries(proc.env);
  if (env.length === 0) {
    proc.stderr.write('No environment sent.\n');
    proc.exit(1);
    return;
  }
  const width = Math.max(...env.map(([name]) => name.length)) + 1;
  proc.stdout.write('Environment:\n');
  for (const [name, value] of env) proc.stdout.write(`  ${`${name}:`.padEnd(width)} ${value}\n`);
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
