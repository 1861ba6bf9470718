// An SFTP server on the local disk (AsyncSSH's simple_sftp_server.py):
// clients whose keys are in authorized_keys may read and write whatever
// this process may, with OpenSSH's sftp or any other SFTP client. Other
// session requests (a shell, a command) get an error.
import { listen } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    sftpFactory: true,
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
