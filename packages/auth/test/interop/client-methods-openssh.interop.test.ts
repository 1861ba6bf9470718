import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generatePrivateKey, importPrivateKey, importPublicKey, type SSHKey, SSHKeyPair } from '@ssh/crypto';
import {
  GENERATIONS,
  type KeyFiles,
  makePeerWorkdir,
  missingPeer,
  type PeerHost,
  type PeerProcess,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  sshKeygen,
  startOpenSshd,
  startProcess,
  TEST_USER,
  waitForLog,
} from '@ssh/testing';
import { PermissionDenied } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectAgent,
  KeysignError,
  keysignHostKeys,
  localUsername,
  lookupClientHost,
  type SSHAgentClient,
} from '../../src/node.js';
import { login } from './client-login.js';
import { run } from './openssh-tools.js';
import { TestUserFiles } from './test-user-files.js';

const CLIENT_HOST = 'hb-client.test';
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const present = !!host?.has('/usr/sbin/sshd') && !!host.has('/usr/bin/ssh-agent');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd and ssh-agent (${generation})`, 'apt-get install openssh-server; pnpm peers')
        .skip;

  describe.skipIf(skip)(
    `our client's hostbased, hostbound and agent auth against sshd (${generation})`,
    () => {
      let server: RunningServer;
      let files: TestUserFiles;
      let hostKey: SSHKey;
      let ca: SSHKey;
      let userCaDir: PeerWorkdir;
      const userCa = generatePrivateKey('ssh-ed25519');
      beforeAll(async () => {
        const peer = host as PeerHost;
        userCaDir = makePeerWorkdir(peer, 'user-ca');
        writeFileSync(userCaDir.file('trusted').local, `${pub(userCa)}\n`);
        server = await startOpenSshd({
          generation,
          config: [
            `TrustedUserCAKeys ${userCaDir.file('trusted').peer}`,
            'LogLevel DEBUG1',
            'HostbasedAuthentication yes',
            'HostbasedUsesNameFromPacketOnly yes',
            'IgnoreRhosts no',
          ],
        });
        hostKey = importPrivateKey(
          readFileSync(sshKeygen('ecdsa', server.workdir.file('client_host_key').local).path),
        );
        ca = generatePrivateKey('ssh-ed25519');
        files = new TestUserFiles(peer);
        // sshd reads the user's ~/.shosts (HostbasedUsesNameFromPacketOnly: the name we send) and
        // checks the client host key in ~/.ssh/known_hosts, where a CA may vouch for it.
        files.add('.shosts', [`${CLIENT_HOST} ${TEST_USER}`, `cert-client.test ${TEST_USER}`]);
        files.add('.ssh/known_hosts', [
          `${CLIENT_HOST} ${pub(hostKey)}`,
          `@cert-authority cert-client.test ${pub(ca)}`,
        ]);
      });
      afterAll(async () => {
        files?.restore();
        await server?.stop();
        userCaDir?.remove();
      });

      it('hostbased: a client host key in known_hosts and the host in .shosts log the user in', async () => {
        await login(server, {
          username: TEST_USER,
          clientHostKeys: [hostKey],
          clientHost: CLIENT_HOST,
          clientUsername: TEST_USER,
        });
        await waitForLog(server, new RegExp(`Accepted hostbased for ${TEST_USER} .* ECDSA`));
      });

      it('hostbased with a host certificate signed by an @cert-authority CA', async () => {
        const cert = ca.generateHostCertificate(hostKey, 'cert-client', { principals: ['cert-client.test'] });
        await login(server, {
          username: TEST_USER,
          clientHostKeys: [new SSHKeyPair(hostKey, cert)],
          clientHost: 'cert-client.test',
        });
        await waitForLog(
          server,
          new RegExp(`Accepted hostbased for ${TEST_USER} .* ECDSA-CERT .* ID cert-client`),
        );
      });

      it('hostbased is refused for a host not in .shosts, an unknown key, or another client user', async () => {
        const stranger = generatePrivateKey('ecdsa-sha2-nistp256');
        const tries = [
          { clientHostKeys: [hostKey], clientHost: 'nowhere.test' },
          { clientHostKeys: [stranger], clientHost: CLIENT_HOST },
          { clientHostKeys: [hostKey], clientHost: CLIENT_HOST, clientUsername: 'root' },
        ];
        for (const t of tries) {
          await expect(
            login(server, { username: TEST_USER, preferredAuth: ['hostbased'], ...t }),
          ).rejects.toThrow(PermissionDenied);
        }
      });

      describe('hostbased signed by ssh-keysign', () => {
        // ssh-keysign reads only the machine's /etc/ssh/ssh_config (EnableSSHKeysign) and
        // /etc/ssh/ssh_host_*_key: a wrapper runs it in a private mount namespace with ours
        // bind-mounted there, so nothing on the machine changes. It signs for root on
        // "localhost" (127.0.0.1's name), so sshtest's .shosts lets root@localhost in.
        let keysignKey: KeyFiles;
        let wrapper: string;
        let refusing: string;
        beforeAll(() => {
          const peer = host as PeerHost;
          keysignKey = sshKeygen('ed25519', server.workdir.file('keysign_host_key').local);
          writeFileSync(server.workdir.file('ssh_config').local, 'EnableSSHKeysign yes\n');
          files.add('.shosts', ['localhost root']);
          files.add('.ssh/known_hosts', [`localhost ${keysignKey.publicLine}`]);
          const keysign = peer.command(['/usr/lib/openssh/ssh-keysign']);
          const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
          const exec = `exec ${[keysign.file, ...keysign.args].map(q).join(' ')}`;
          const binds = [
            `mount --bind ${q(server.workdir.file('ssh_config').local)} ${q(peer.hostPath('/etc/ssh/ssh_config'))}`,
            `mount --bind ${q(keysignKey.path)} ${q(peer.hostPath('/etc/ssh/ssh_host_ed25519_key'))}`,
          ];
          wrapper = server.workdir.file('keysign.sh').local;
          writeFileSync(
            wrapper,
            `#!/bin/sh\nexec unshare --mount sh -c ${q([...binds, exec].join(' && '))}\n`,
            {
              mode: 0o755,
            },
          );
          // The machine's own config does not enable ssh-keysign.
          refusing = server.workdir.file('keysign-plain.sh').local;
          writeFileSync(refusing, `#!/bin/sh\n${exec}\n`, { mode: 0o755 });
        });

        it('logs in with a host key only ssh-keysign can use', async () => {
          const publicKey = importPublicKey(keysignKey.publicLine);
          await login(server, async (sock) => ({
            username: TEST_USER,
            preferredAuth: ['hostbased'],
            clientHostKeys: keysignHostKeys({ socket: sock, keysignPath: wrapper, publicKeys: [publicKey] }),
            clientHost: await lookupClientHost(sock.localAddress ?? ''),
            clientUsername: localUsername(),
          }));
          await waitForLog(server, new RegExp(`Accepted hostbased for ${TEST_USER} .* ED25519`));
        });

        it('a refusal by ssh-keysign is a KeysignError', async () => {
          const publicKey = importPublicKey(keysignKey.publicLine);
          await expect(
            login(server, async (sock) => ({
              username: TEST_USER,
              preferredAuth: ['hostbased'],
              clientHostKeys: keysignHostKeys({
                socket: sock,
                keysignPath: refusing,
                publicKeys: [publicKey],
              }),
              clientHost: await lookupClientHost(sock.localAddress ?? ''),
              clientUsername: localUsername(),
            })),
          ).rejects.toThrow(KeysignError);
        });
      });

      it('publickey is bound to the host key when sshd offers publickey-hostbound@openssh.com', async () => {
        const t = await login(server, {
          username: 'root',
          clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
        });
        expect(new TextDecoder().decode(t.peerExtensions.get('publickey-hostbound@openssh.com'))).toBe('0');
        await waitForLog(server, /method publickey-hostbound-v00@openssh\.com/);
        await waitForLog(server, /Accepted publickey for root/);
      });

      describe('keys from a real ssh-agent', () => {
        let agentProcess: PeerProcess | undefined;
        let agent: SSHAgentClient;
        let env: NodeJS.ProcessEnv;
        beforeAll(async () => {
          const peer = host as PeerHost;
          const sock = server.workdir.file('agent.sock');
          const cmd = peer.command(['ssh-agent', '-D', '-a', sock.peer]);
          agentProcess = startProcess(cmd.file, cmd.args, `ssh-agent (${generation})`);
          for (let i = 0; i < 200 && !existsSync(sock.local); i++)
            await new Promise((r) => setTimeout(r, 25));
          env = { ...process.env, SSH_AUTH_SOCK: sock.peer };
          agent = await connectAgent(sock.local);
        });
        afterAll(async () => {
          agent?.close();
          await agentProcess?.stop();
        });

        it('are tried before clientKeys, and log in', async () => {
          const added = run(host as PeerHost, ['ssh-add', server.workdir.file('id_ed25519').peer], env);
          expect(added.status, added.err).toBe(0);
          const stranger = generatePrivateKey('ssh-ed25519');
          const before = server.log().length;
          await login(server, { username: 'root', agent, clientKeys: [stranger] });
          await waitForLog(server, /Accepted publickey for root .* ED25519/);
          // The stranger never had to be offered: the agent's key came first.
          expect(server.log().slice(before)).not.toContain(stranger.getFingerprint());
        });

        it('a certificate held by the agent logs in (TrustedUserCAKeys)', async () => {
          const key = generatePrivateKey('ecdsa-sha2-nistp256');
          const file = server.workdir.file('id_agent_cert');
          writeFileSync(file.local, key.exportPrivateKey('openssh'), { mode: 0o600 });
          const cert = userCa.generateUserCertificate(key, 'agent-cert', { principals: ['root'] });
          writeFileSync(`${file.local}-cert.pub`, cert.exportCertificate('openssh'));
          const added = run(host as PeerHost, ['ssh-add', file.peer], env);
          expect(added.status, added.err).toBe(0);
          expect(added.err).toMatch(/Certificate added/);
          await login(server, {
            username: 'root',
            agent,
            agentIdentities: [cert.publicData],
            preferredAuth: ['publickey'],
          });
          await waitForLog(server, /Accepted publickey for root .* ECDSA-CERT .* ID agent-cert/);
        });

        it('agentIdentities restricts which agent keys are offered', async () => {
          const other = generatePrivateKey('ssh-ed25519');
          await expect(
            login(server, {
              username: 'root',
              agent,
              agentIdentities: [other],
              preferredAuth: ['publickey'],
            }),
          ).rejects.toThrow(PermissionDenied);
        });

        it('an agent that is gone adds no keys, and the next method still runs', async () => {
          const gone = await connectAgent(server.workdir.file('agent.sock').local);
          gone.close();
          await login(server, {
            username: 'root',
            agent: gone,
            clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
          });
        });
      });
    },
  );
}
