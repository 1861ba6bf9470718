// A server that carries the client's local port forwarding (AsyncSSH's
// local_forwarding_server.py): it connects direct TCP connections to their
// destination when the destination port is 80, and refuses the others. The
// second argument names another port to allow. Try it with
// `ssh -L 8080:www.example.com:80 -N -p 8022 localhost`.
import { ChannelOpenError, listen, OPEN_ADMINISTRATIVELY_PROHIBITED, SSHServer } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

const allowedPort = Number(process.argv[3] ?? 80);

class MySSHServer extends SSHServer {
  override connectionRequested(
    _destHost: string,
    destPort: number,
    _origHost: string,
    _origPort: number,
  ): boolean {
    if (destPort === allowedPort) return true;
    throw new ChannelOpenError(
      OPEN_ADMINISTRATIVELY_PROHIBITED,
      `Only connections to port ${allowedPort} are allowed`,
    );
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
