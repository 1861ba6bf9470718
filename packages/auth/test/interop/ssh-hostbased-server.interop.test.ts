import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { generatePrivateKey, importPrivateKey, type SSHKey } from '@ssh/crypto';
import {
  GENERATIONS,
  makePeerWorkdir,
  missingPeer,
  type PeerHost,
  type PeerWorkdir,
  peerHost,
  sshKeygen,
} from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKnownHosts } from '../../src/known-hosts/known-hosts.js';
import { lookupClientHost } from '../../src/node.js';
import {
  type AuthResult,
  authenticateServer,
  type ServerAuthOptions,
} from '../../src/server/authenticate.js';

// OpenSSH's `ssh` signs hostbased requests with the setuid helper ssh-keysign,
// which only reads the machine's /etc/ssh/ssh_config (it must say
// EnableSSHKeysign yes) and the machine's /etc/ssh/ssh_host_*_key files. So
// that nothing on the machine changes, each run gets a private mount namespace
// (`unshare --mount`) where our config and a host key made now are bind-mounted
// over those paths. ssh-keysign names the client host by the reverse lookup
// of the socket's local address (127.0.0.1: localhost).

const KEYSIGN = '/usr/lib/openssh/ssh-keysign';
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function canUnshare(): boolean {
  return spawnSync('unshare', ['--mount', 'true']).status === 0;
}

/** Our server; records each login and ends the connection after it. */
async function startServer(hostKey: SSHKey, options: (sock: net.Socket) => ServerAuthOptions) {
  const results: (AuthResult | Error)[] = [];
  const srv = net.createServer((sock) => {
    const t = new Transport(fromNodeStream(sock), { role: 'server', serverHostKeys: [hostKey] });
    t.ready
      .then(() => authenticateServer(t, options(sock)))
      .then(
        (r) => {
          results.push(r);
          t.disconnect();
        },
        (e: Error) => results.push(e),
      );
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { srv, port: (srv.address() as net.AddressInfo).port, results };
}

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const present = !!host?.has('/usr/bin/ssh') && !!host.has(KEYSIGN) && canUnshare();
  const skip = present
    ? false
    : missingPeer(
        `OpenSSH ssh with ssh-keysign and unshare(1) (${generation})`,
        'apt-get install openssh-client util-linux; pnpm peers',
      ).skip;

  describe.skipIf(skip)(`OpenSSH ssh (${generation}) logs in to our server with hostbased auth`, () => {
    let wd: PeerWorkdir;
    let clientHostKey: SSHKey;
    const serverKey = generatePrivateKey('ssh-ed25519');
    beforeAll(() => {
      wd = makePeerWorkdir(host as PeerHost, 'ssh-hostbased');
      writeFileSync(wd.file('ssh_config').local, 'EnableSSHKeysign yes\n');
      clientHostKey = importPrivateKey(readFileSync(sshKeygen('ed25519', wd.file('host_key').local).path));
    });
    afterAll(() => wd?.remove());

    /** Run ssh with hostbased auth only, in a mount namespace where ssh-keysign finds our config and key. */
    function runSsh(port: number, user: string): Promise<{ code: number | null; stderr: string }> {
      const peer = host as PeerHost;
      writeFileSync(
        wd.file('known_hosts').local,
        `[127.0.0.1]:${port} ${dec(serverKey.exportPublicKey('openssh')).trim()}\n`,
      );
      const binds: [string, string][] = [
        [wd.file('ssh_config').local, peer.hostPath('/etc/ssh/ssh_config')],
        [wd.file('host_key').local, peer.hostPath('/etc/ssh/ssh_host_ed25519_key')],
        [wd.file('host_key.pub').local, peer.hostPath('/etc/ssh/ssh_host_ed25519_key.pub')],
      ];
      const ssh = peer.command([
        'ssh',
        '-v',
        '-F',
        '/dev/null',
        '-p',
        String(port),
        '-o',
        'BatchMode=yes',
        '-o',
        'HostbasedAuthentication=yes',
        '-o',
        'PreferredAuthentications=hostbased',
        '-o',
        'HostbasedAcceptedAlgorithms=ssh-ed25519',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${wd.file('known_hosts').peer}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        `${user}@127.0.0.1`,
        'true',
      ]);
      const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
      const script = [
        ...binds.map(([from, to]) => `mount --bind ${q(from)} ${q(to)}`),
        `exec ${[ssh.file, ...ssh.args].map(q).join(' ')}`,
      ].join(' && ');
      return new Promise((resolve) => {
        const child = spawn('unshare', ['--mount', 'sh', '-c', script], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      });
    }

    it('the host key in knownClientHosts and the host name from a reverse lookup of the address', async () => {
      const pub = dec(clientHostKey.convertToPublic().exportPublicKey()).trim();
      const ours = await startServer(serverKey, (sock) => ({
        hooks: {},
        knownClientHosts: importKnownHosts(`localhost ${pub}\n`),
        resolveClientHost: lookupClientHost,
        ...(sock.remoteAddress ? { clientAddress: sock.remoteAddress } : {}),
      }));
      try {
        const r = await runSsh(ours.port, 'root');
        expect(r.stderr).toMatch(/Authenticated to .* using "hostbased"/);
        expect(ours.results[0]).toMatchObject({ username: 'root', method: 'hostbased' });
        // ssh-keysign signs for the local user (root): another user needs validateHostBasedUser.
        const r2 = await runSsh(ours.port, 'someone-else');
        expect(r2.stderr).not.toMatch(/Authenticated to/);
        expect(r2.stderr).toMatch(/Permission denied/);
      } finally {
        ours.srv.close();
      }
    });

    it('a host key the server does not know is refused', async () => {
      const ours = await startServer(serverKey, () => ({
        hooks: {},
        trustClientHost: true,
        knownClientHosts: importKnownHosts(''),
      }));
      try {
        const r = await runSsh(ours.port, 'root');
        expect(r.stderr).toMatch(/Permission denied/);
        expect(ours.results.filter((x) => !(x instanceof Error))).toHaveLength(0);
      } finally {
        ours.srv.close();
      }
    });
  });
}
