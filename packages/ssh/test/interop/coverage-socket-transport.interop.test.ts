import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateClient,
  fromNodeStream,
  importPrivateKey,
  run,
  SSHConnection,
  type SSHKey,
  Transport,
} from '../../src/index.js';

// fromNodeStream (the socket transport) over a stream that is not a socket: OpenSSH's
// `sshd -i` (inetd mode) speaking SSH on its stdin and stdout, joined into one Duplex.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

describe.skipIf(skip)('fromNodeStream over sshd -i pipes', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Only for its config, keys and authorized_keys: each test runs its own `sshd -i`.
    server = await startOpenSshd({ hostKeyTypes: ['ed25519'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a transport over a child process stdin/stdout logs in and runs a command', async () => {
    const child = spawn('/usr/sbin/sshd', ['-i', '-f', server.workdir.file('sshd_config').local], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    try {
      const pipes = Duplex.from({ readable: child.stdout, writable: child.stdin });
      const trusted = server.hostKeys[0]?.publicLine.split(' ')[1];
      let conn: SSHConnection | undefined;
      const t = new Transport(
        fromNodeStream(pipes),
        {
          role: 'client',
          verifyHostKey: (key: SSHKey) => Buffer.from(key.publicData).toString('base64') === trusted,
        },
        { drain: () => conn?.transportDrained() },
      );
      await t.ready;
      await authenticateClient(t, {
        username: server.user,
        clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
      });
      conn = new SSHConnection(t);
      const r = await run(conn, 'echo "over pipes $SSH_CLIENT"');
      // inetd mode has no peer address: sshd says UNKNOWN.
      expect(r.stdout).toMatch(/^over pipes UNKNOWN/);
      expect(r.exitStatus).toBe(0);
      conn.close();
      t.disconnect();
    } finally {
      child.kill();
    }
  });
});
