// A server that carries the client's remote port forwarding (AsyncSSH's
// remote_forwarding_server.py): it listens where the client asks when the
// port is 8080, sending each connection there back to the client, and
// refuses other ports. The second argument names another port to allow.
// Try it with `ssh -R 8080:localhost:80 -N -p 8022 localhost`.
import { listen, SSHServer } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

const allowedPort = Number(process.argv[3] ?? 8080);

class MySSHServer extends SSHServer {
  override serverRequested(_listenHost: string, listenPort: number): boolean {
    return listenPort === allowedPort;
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
