// A server with password logins that greets each user and exits
// (AsyncSSH's simple_server.py). An SSHServer object per connection logs
// the connection and checks passwords: "guest" needs none, "user123" logs
// in with "secretpw". Passwords are kept as salted scrypt hashes.
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { listen, SSHServer, type SSHServerConnection, type SSHServerProcess } from '@ssh/ssh';
import { listenOn } from './setup.js';

const passwords: Record<string, string> = {
  guest: '', // no password needed
  user123: '54ade2bfdd4f2850:0558712ab858707ff01df9ae728a78fb07dc18708f522cb766587f5971a0eb09',
};

function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  return timingSafeEqual(scryptSync(password, salt, expected.length), expected);
}

function handleClient(proc: SSHServerProcess): void {
  proc.stdout.write(`Welcome to my SSH server, ${proc.getExtraInfo('username')}!\n`);
  proc.exit(0);
}

class MySSHServer extends SSHServer {
  override connectionMade(conn: SSHServerConnection): void {
    const [address] = conn.getExtraInfo('peername') as [string, number];
    console.log(`SSH connection received from ${address}.`);
  }

  override connectionLost(err: Error | null): void {
    if (err) console.error(`SSH connection error: ${err.message}`);
    else console.log('SSH connection closed.');
  }

  override beginAuth(username: string): boolean {
    // A user whose password is empty logs in without authenticating.
    return passwords[username] !== '';
  }

  override passwordAuthSupported(): boolean {
    return true;
  }

  override validatePassword(username: string, password: string): boolean {
    return passwordMatches(password, passwords[username] ?? '*');
  }
}

try {
  const server = await listen({
    ...listenOn(),
    serverFactory: () => new MySSHServer(),
    processFactory: handleClient,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
