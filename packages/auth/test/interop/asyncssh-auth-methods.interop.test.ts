import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { generatePrivateKey, importPrivateKey, type SSHKey } from '@ssh/crypto';
import {
  GENERATIONS,
  hasAsyncSsh,
  makePeerWorkdir,
  missingPeer,
  type PeerHost,
  type PeerProcess,
  type PeerWorkdir,
  peerHost,
  SYSTEM_PYTHON,
  sshKeygen,
  startProcess,
  waitForLog,
} from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { PermissionDenied } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateClient } from '../../src/client/authenticate.js';
import type { ClientAuthOptions } from '../../src/client/options.js';
import { importKnownHosts } from '../../src/known-hosts/known-hosts.js';
import {
  type AuthResult,
  authenticateServer,
  type ServerAuthOptions,
} from '../../src/server/authenticate.js';
import { PasswordChangeRequired } from '../../src/userauth/password-change.js';

const SCRIPT = fileURLToPath(new URL('./asyncssh-auth-peer.py', import.meta.url));
const CLIENT_HOST = 'hb-client.test';
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();

/** Start the script as an AsyncSSH server with `cfg`; resolves with its port and process. */
async function startPeerServer(host: PeerHost, wd: PeerWorkdir, name: string, cfg: object) {
  const file = wd.file(`${name}.json`);
  writeFileSync(file.local, JSON.stringify({ role: 'server', ...cfg }));
  const cmd = host.command([SYSTEM_PYTHON, wd.file('peer.py').peer, file.peer]);
  const proc = startProcess(cmd.file, cmd.args, `asyncssh ${name}`);
  for (let i = 0; i < 800; i++) {
    const m = /LISTENING (\d+)/.exec(proc.output());
    if (m) return { port: Number(m[1]), proc };
    const dead = proc.exitReason();
    if (dead) throw new Error(`asyncssh ${name} ended: ${dead}: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await proc.stop();
  throw new Error(`asyncssh ${name} did not start: ${proc.output()}`);
}

/** Run the script as an AsyncSSH client; resolves with its output lines. */
async function runPeerClient(host: PeerHost, wd: PeerWorkdir, name: string, cfg: object): Promise<string[]> {
  const file = wd.file(`${name}.json`);
  writeFileSync(file.local, JSON.stringify({ role: 'client', ...cfg }));
  const cmd = host.command([SYSTEM_PYTHON, wd.file('peer.py').peer, file.peer]);
  return new Promise((resolve) => {
    const child = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', () => {
      clearTimeout(timer);
      const lines = out.trim().split('\n').filter(Boolean);
      resolve(lines.length ? lines : [`ERROR no output: ${err.trim().split('\n').slice(-3).join(' | ')}`]);
    });
  });
}

/** Our auth server on a loopback port; each finished login (or failure) is recorded. */
async function startOurServer(hostKey: SSHKey, options: (sock: net.Socket) => ServerAuthOptions) {
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
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`hostbased and password change with AsyncSSH (${generation})`, () => {
    let host: PeerHost;
    let wd: PeerWorkdir;
    let clientHostKey: SSHKey;
    let clientHostKeyFile: { peer: string; local: string };
    let serverKeyFile: { peer: string; local: string };
    let serverKey: SSHKey;
    const procs: PeerProcess[] = [];
    beforeAll(() => {
      host = peerHost(generation) as PeerHost;
      wd = makePeerWorkdir(host, 'auth-asyncssh-methods');
      copyFileSync(SCRIPT, wd.file('peer.py').local);
      clientHostKeyFile = wd.file('client_host_key');
      clientHostKey = importPrivateKey(readFileSync(sshKeygen('ecdsa', clientHostKeyFile.local).path));
      serverKeyFile = wd.file('server_host_key');
      serverKey = importPrivateKey(readFileSync(sshKeygen('ed25519', serverKeyFile.local).path));
    });
    afterAll(async () => {
      for (const p of procs) await p.stop();
      wd?.remove();
    });

    /** A client transport to an AsyncSSH server we started, trusting its host key. */
    async function ourClient(port: number, auth: ClientAuthOptions) {
      const sock = net.connect({ host: '127.0.0.1', port });
      await new Promise((r) => sock.once('connect', r));
      const t = new Transport(fromNodeStream(sock), {
        role: 'client',
        verifyHostKey: (k: SSHKey) => k.getFingerprint() === serverKey.getFingerprint(),
      });
      await t.ready;
      try {
        await authenticateClient(t, auth);
      } finally {
        t.disconnect();
      }
    }

    it("our hostbased client logs in to AsyncSSH's server; an unknown host key is refused", async () => {
      const known = wd.file('known_client_hosts');
      writeFileSync(known.local, `${CLIENT_HOST} ${pub(clientHostKey)}\n`);
      const { port, proc } = await startPeerServer(host, wd, 'hostbased-server', {
        hostKey: serverKeyFile.peer,
        knownClientHosts: known.peer,
      });
      procs.push(proc);
      const auth = { username: 'kim', clientHost: CLIENT_HOST, preferredAuth: ['hostbased'] };
      await ourClient(port, { ...auth, clientHostKeys: [clientHostKey] });
      // The server's output may reach us a little after its reply did.
      await waitForLog(
        { log: proc.output },
        new RegExp(`EVENT hostbased-user kim ${CLIENT_HOST} kim\nAUTH ok`),
      );
      await expect(
        ourClient(port, { ...auth, clientHostKeys: [generatePrivateKey('ecdsa-sha2-nistp256')] }),
      ).rejects.toThrow(PermissionDenied);
    });

    it("our client changes an expired password on AsyncSSH's server", async () => {
      const { port, proc } = await startPeerServer(host, wd, 'password-server', {
        hostKey: serverKeyFile.peer,
        password: 'current-pw',
        expiredPassword: 'old-pw',
        tooShort: 'abc',
        newPassword: 'new-pw',
      });
      procs.push(proc);
      const events: string[] = [];
      await ourClient(port, {
        username: 'kim',
        password: 'old-pw',
        preferredAuth: ['password'],
        client: {
          passwordChangeRequested: (prompt) => {
            events.push(prompt);
            return events.length === 1 ? ['old-pw', 'abc'] : ['old-pw', 'new-pw'];
          },
          passwordChanged: () => events.push('changed'),
          passwordChangeFailed: () => events.push('failed'),
        },
      });
      expect(events).toEqual(['Your password has expired', 'failed', 'Too short, try another', 'changed']);
      await waitForLog({ log: proc.output }, /EVENT change old-pw abc\nEVENT change old-pw new-pw\n/);
      // Without the callback, the expired password is just a failure.
      await expect(
        ourClient(port, { username: 'kim', password: 'old-pw', preferredAuth: ['password'] }),
      ).rejects.toThrow(PermissionDenied);
    });

    it("AsyncSSH's hostbased client logs in to our server; a host key we do not know is refused", async () => {
      const ours = await startOurServer(serverKey, (sock) => ({
        hooks: {},
        trustClientHost: true,
        knownClientHosts: importKnownHosts(`${CLIENT_HOST} ${pub(clientHostKey)}\n`),
        ...(sock.remoteAddress ? { clientAddress: sock.remoteAddress } : {}),
      }));
      try {
        const knownHosts = wd.file('known_hosts');
        writeFileSync(knownHosts.local, `[127.0.0.1]:${ours.port} ${pub(serverKey)}\n`);
        const cfg = {
          port: ours.port,
          knownHosts: knownHosts.peer,
          username: 'kim',
          preferredAuth: 'hostbased',
          clientHost: CLIENT_HOST,
          clientUsername: 'kim',
        };
        expect(
          await runPeerClient(host, wd, 'hb-client', { ...cfg, clientHostKey: clientHostKeyFile.peer }),
        ).toEqual(['OK']);
        expect(ours.results[0]).toMatchObject({ username: 'kim', method: 'hostbased' });
        const stranger = wd.file('stranger_key');
        sshKeygen('ed25519', stranger.local);
        expect(
          await runPeerClient(host, wd, 'hb-stranger', { ...cfg, clientHostKey: stranger.peer }),
        ).toEqual(['AUTHFAIL']);
        expect(ours.results.filter((r) => !(r instanceof Error))).toHaveLength(1);
      } finally {
        ours.srv.close();
      }
    });

    it("AsyncSSH's client changes an expired password on our server", async () => {
      let current = 'old-pw';
      const ours = await startOurServer(serverKey, () => ({
        hooks: {
          validatePassword: (_u, p) => {
            if (p === 'old-pw' && current === 'old-pw') throw new PasswordChangeRequired('Password expired');
            return p === current;
          },
          changePassword: (_u, oldPw, newPw) => {
            if (oldPw !== current) return false;
            if (newPw.length < 4) throw new PasswordChangeRequired('Too short');
            current = newPw;
            return true;
          },
        },
      }));
      try {
        const knownHosts = wd.file('known_hosts_pw');
        writeFileSync(knownHosts.local, `[127.0.0.1]:${ours.port} ${pub(serverKey)}\n`);
        const cfg = {
          port: ours.port,
          knownHosts: knownHosts.peer,
          username: 'kim',
          preferredAuth: 'password',
        };
        const out = await runPeerClient(host, wd, 'pw-client', {
          ...cfg,
          password: 'old-pw',
          changes: [
            ['old-pw', 'abc'],
            ['old-pw', 'brand-new'],
          ],
        });
        expect(out).toEqual([
          'EVENT change-requested Password expired',
          // AsyncSSH reports the refused first choice before it is asked again.
          'EVENT change-failed',
          'EVENT change-requested Too short',
          'EVENT changed',
          'OK',
        ]);
        expect(current).toBe('brand-new');
        expect(ours.results[0]).toMatchObject({ username: 'kim', method: 'password' });
      } finally {
        ours.srv.close();
      }
    });
  });
}
