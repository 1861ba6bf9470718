import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startOpenSshd,
  TEST_USER,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUserFiles } from '../../../auth/test/interop/test-user-files.js';
import { connect } from '../../src/index.js';

// clientHostKeysign: connect signs hostbased auth with the machine's host keys through
// OpenSSH's ssh-keysign, against sshd. ssh-keysign only works when /etc/ssh/ssh_config says
// `EnableSSHKeysign yes`, which this machine's does not: a wrapper runs it in a private mount
// namespace with such a file bind-mounted there, so nothing on the machine changes. sshd then
// finds 127.0.0.1's name (localhost) in the test user's ~/.shosts and the machine's host keys
// in its ~/.ssh/known_hosts (lines added for this test and taken out afterwards).

const KEYSIGN = '/usr/lib/openssh/ssh-keysign';
const host = peerHost('debian12');
const hostPubs = ['ecdsa', 'ed25519', 'rsa']
  .map((t) => `/etc/ssh/ssh_host_${t}_key.pub`)
  .filter((f) => existsSync(f));
const skip =
  host?.has('/usr/sbin/sshd') && host.has(KEYSIGN) && hostPubs.length > 0
    ? false
    : missingPeer('OpenSSH sshd and ssh-keysign (debian12)', 'apt-get install openssh-server openssh-client')
        .skip;

describe.skipIf(skip)('clientHostKeysign against OpenSSH sshd', () => {
  let server: RunningServer;
  let files: TestUserFiles;
  let wd: PeerWorkdir;
  let enabled: string;
  let plain: string;
  beforeAll(async () => {
    const peer = host as NonNullable<typeof host>;
    server = await startOpenSshd({
      config: [
        'LogLevel DEBUG1',
        'HostbasedAuthentication yes',
        'HostbasedUsesNameFromPacketOnly yes',
        'IgnoreRhosts no',
      ],
    });
    files = new TestUserFiles(peer);
    files.add('.shosts', ['localhost root']);
    files.add(
      '.ssh/known_hosts',
      hostPubs.map((f) => `localhost ${readFileSync(f, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`),
    );
    wd = makePeerWorkdir(peer, 'keysign');
    writeFileSync(wd.file('ssh_config').local, 'EnableSSHKeysign yes\n');
    const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
    enabled = wd.file('keysign.sh').local;
    writeFileSync(
      enabled,
      `#!/bin/sh\nexec unshare --mount sh -c ${q(`mount --bind ${q(wd.file('ssh_config').local)} /etc/ssh/ssh_config && exec ${KEYSIGN}`)}\n`,
      { mode: 0o755 },
    );
    // The machine's own ssh_config: ssh-keysign refuses.
    plain = wd.file('keysign-plain.sh').local;
    writeFileSync(plain, `#!/bin/sh\nexec ${KEYSIGN}\n`, { mode: 0o755 });
  });
  afterAll(async () => {
    files?.restore();
    wd?.remove();
    await server?.stop();
  });

  const options = () => ({
    port: server.port,
    username: TEST_USER,
    knownHosts: server.knownHostsPath,
    clientKeys: [],
    preferredAuth: 'hostbased',
    config: null,
    agentPath: null,
  });

  it('logs in with hostbased auth signed by ssh-keysign (clientHostKeysign as the program to run)', async () => {
    await using conn = await connect('127.0.0.1', { ...options(), clientHostKeysign: enabled });
    expect((await conn.run('id -un')).stdout).toBe(`${TEST_USER}\n`);
    await waitForLog(server, new RegExp(`Accepted hostbased for ${TEST_USER} from 127\\.0\\.0\\.1`));
  });

  it('without clientHostKeysign, or when ssh-keysign refuses, the login fails', async () => {
    await expect(connect('127.0.0.1', { ...options(), clientHostKeysign: false })).rejects.toThrow(
      /permission denied|no more authentication/i,
    );
    await expect(connect('127.0.0.1', { ...options(), clientHostKeysign: plain })).rejects.toThrow();
  });
});
