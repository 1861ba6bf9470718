// An SFTP and SCP server on the local disk (AsyncSSH's
// simple_scp_server.py): with allowScp, `scp` commands (OpenSSH's scp -O,
// or scp() of @ssh/ssh) are served by the same SFTPServer as the SFTP
// sessions.
import { listen } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    sftpFactory: true,
    allowScp: true,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
