// A server where each user's keys are in their own file,
// authorized_keys/<username> (AsyncSSH's simple_keyed_server.py); the
// SSH_AUTHORIZED_KEYS_DIR variable names another folder. Certificates
// signed by a `cert-authority` key in the file are accepted too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  importAuthorizedKeys,
  listen,
  type SSHAuthorizedKeys,
  type SSHKey,
  SSHServer,
  type SSHServerConnection,
  type SSHServerProcess,
} from '@ssh/ssh';
import { listenOn } from './setup.js';

const keysDir = process.env.SSH_AUTHORIZED_KEYS_DIR ?? 'authorized_keys';

function handleClient(proc: SSHServerProcess): void {
  proc.stdout.write(`Welcome to my SSH server, ${proc.getExtraInfo('username')}!\n`);
  proc.exit(0);
}

class MySSHServer extends SSHServer {
  private clientAddress: string | null = null;
  private keys: SSHAuthorizedKeys | null = null;

  override connectionMade(conn: SSHServerConnection): void {
    [this.clientAddress] = conn.getExtraInfo('peername') as [string, number];
  }

  override beginAuth(username: string): boolean {
    const file = path.join(keysDir, username);
    if (/^[\w.-]+$/.test(username) && existsSync(file)) {
      this.keys = importAuthorizedKeys(readFileSync(file, 'utf8'));
    }
    return true;
  }

  override publicKeyAuthSupported(): boolean {
    return true;
  }

  override validatePublicKey(_username: string, key: SSHKey): boolean {
    return this.keys?.validate(key, null, this.clientAddress) != null;
  }

  override validateCaKey(_username: string, caKey: SSHKey): boolean {
    return this.keys?.validate(caKey, null, this.clientAddress, null, true) != null;
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
