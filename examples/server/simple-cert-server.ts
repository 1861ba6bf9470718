// A server that lets in any user with a certificate for that user name
// signed by a trusted CA (AsyncSSH's simple_cert_server.py). The CA is a
// `cert-authority` line in an authorized_keys file: SSH_USER_CA names it
// (default ./ssh_user_ca). No SSHServer object is needed. The server shows
// clients a certificate for its own host key too, when there is one in
// ./ssh_host_key-cert.pub (or SSH_HOST_CERT).
import { existsSync } from 'node:fs';
import { listen, type SSHServerProcess } from '@ssh/ssh';
import { listenOn } from './setup.js';

function handleClient(proc: SSHServerProcess): void {
  proc.stdout.write(`Welcome to my SSH server, ${proc.getExtraInfo('username')}!\n`);
  proc.exit(0);
}

const hostCert = process.env.SSH_HOST_CERT ?? 'ssh_host_key-cert.pub';
try {
  const server = await listen({
    ...listenOn(),
    ...(existsSync(hostCert) ? { serverHostCerts: [hostCert] } : {}),
    authorizedClientKeys: process.env.SSH_USER_CA ?? 'ssh_user_ca',
    processFactory: handleClient,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
