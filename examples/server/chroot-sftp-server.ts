// An SFTP server that gives each user a folder of their own (AsyncSSH's
// chroot_sftp_server.py): <root>/<username>, made at the first login, is
// '/' for the client, who cannot reach anything outside it. The root is
// SFTP_ROOT (default /tmp/sftp).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { listen, SFTPPermissionDenied, SFTPServer, type SSHServerChannel } from '@ssh/ssh';
import { authorizedKeysFile, listenOn } from './setup.js';

const sftpRoot = process.env.SFTP_ROOT ?? '/tmp/sftp';

class MySFTPServer extends SFTPServer {
  constructor(channel: SSHServerChannel) {
    const username = String(channel.getExtraInfo('username'));
    // Names such as '..' or 'a/b' would lead out of the root: no folder for them.
    if (!/^\w[\w.-]*$/.test(username)) throw new SFTPPermissionDenied(`No folder for ${username}`);
    const root = path.join(sftpRoot, username);
    mkdirSync(root, { recursive: true });
    super(channel, root);
  }
}

try {
  const server = await listen({
    ...listenOn(),
    authorizedClientKeys: authorizedKeysFile(),
    sftpFactory: (channel) => new MySFTPServer(channel),
  });
  console.log(`Listening on port ${server.port}`);
} catch (err) {
  console.error(`Error starting server: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
