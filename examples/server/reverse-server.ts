// A reverse-direction server (AsyncSSH's reverse_server.py): it waits for
// clients to dial in, then plays the SSH client, running commands on each
// and printing the results as they finish. The first argument is the
// [address:]port to listen on (default 127.0.0.1:8022), the others the
// commands (default ls, date, uname -a). It logs in with the key in
// ./server_key (or SSH_CLIENT_KEY) and trusts the host keys listed in
// ./trusted_client_host_keys, a known_hosts file (or SSH_KNOWN_HOSTS).
import { listenReverse, type SSHClientConnection } from '@ssh/ssh';

const [where = '127.0.0.1:8022', ...args] = process.argv.slice(2);
const commands = args.length > 0 ? args : ['ls', 'date', 'uname -a'];

async function runCommands(conn: SSHClientConnection): Promise<void> {
  await using _conn = conn;
  await Promise.all(
    commands.map(async (command) => {
      const result = await conn.run(command);
      console.log(`Command: ${result.command}`);
      console.log(`Return code: ${result.returncode}`);
      console.log('Stdout:');
      process.stdout.write(result.stdout ?? '');
      console.log('Stderr:');
      process.stdout.write(result.stderr ?? '');
      console.log('-'.repeat(75));
    }),
  );
}

try {
  const colon = where.lastIndexOf(':');
  const server = await listenReverse({
    host: colon > 0 ? where.slice(0, colon) : '127.0.0.1',
    port: Number(where.slice(colon + 1)),
    clientKeys: [process.env.SSH_CLIENT_KEY ?? 'server_key'],
    knownHosts: process.env.SSH_KNOWN_HOSTS ?? 'trusted_client_host_keys',
    acceptor: runCommands,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
