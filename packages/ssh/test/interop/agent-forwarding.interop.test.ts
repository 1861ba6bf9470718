import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startAgentWithKey,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, listen, type SSHAcceptor, type SSHServerProcess } from '../../src/index.js';

// Agent forwarding through the umbrella options, both roles, with a real
// ssh-agent holding a key: `connect({agentForwarding})` lets sshd's sessions
// list it; `listen` (agentForwarding on by default) gives our server's
// sessions a socket that reaches the agent of OpenSSH `ssh -A`.

const present = peerHost('debian12')?.has('/usr/sbin/sshd');
const skip = present
  ? false
  : missingPeer('OpenSSH sshd, ssh and ssh-agent', 'apt-get install openssh-server openssh-client').skip;

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-agent-fwd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `ssh-add -l` against the agent at `sock`: its output, or the exit code when it fails. */
function listAgent(sock: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock } }, (err, stdout) =>
      resolve(err ? `exit ${String((err as { code?: unknown }).code)}` : stdout),
    );
  });
}

describe.skipIf(skip)('agent forwarding with a real ssh-agent', () => {
  let agent: Awaited<ReturnType<typeof startAgentWithKey>>;
  beforeAll(async () => {
    agent = await startAgentWithKey(dir);
  });
  afterAll(async () => {
    await agent?.stop();
  });

  describe('client: connect({ agentForwarding }) through sshd', () => {
    let sshd: RunningServer;
    beforeAll(async () => {
      sshd = await startOpenSshd({ generation: 'debian12' });
    });
    afterAll(async () => {
      await sshd?.stop();
    });
    const options = () => ({
      port: sshd.port,
      username: sshd.user,
      clientKeys: [sshd.clientKey.path],
      knownHosts: sshd.knownHostsPath,
      config: null,
      agentPath: agent.sock,
    });

    it('ssh-add -l on the server lists the key of our agent', async () => {
      await using conn = await connect('127.0.0.1', { ...options(), agentForwarding: true });
      const r = await conn.run('ssh-add -l');
      expect(r.exitStatus).toBe(0);
      expect(String(r.stdout)).toContain(agent.fingerprint);
    });

    it('without agentForwarding the server has no agent', async () => {
      await using conn = await connect('127.0.0.1', options());
      const r = await conn.run('ssh-add -l');
      expect(r.exitStatus).toBe(2);
    });
  });

  describe('server: ssh -A against listen()', () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const userKey = generatePrivateKey('ssh-ed25519');
    let on: SSHAcceptor;
    let off: SSHAcceptor;
    const report = async (proc: SSHServerProcess) => {
      const sock = proc.channel.getAgentPath();
      proc.stdout.write(sock === null ? 'no agent\n' : await listAgent(sock));
      proc.exit(0);
    };
    beforeAll(async () => {
      const base = {
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
        processFactory: report,
      };
      on = await listen(base);
      off = await listen({ ...base, agentForwarding: false });
    });
    afterAll(() => {
      on?.close();
      off?.close();
    });
    const sshA = (acc: SSHAcceptor) =>
      runOpenSshClient({
        port: acc.getPort(),
        knownHosts: `[127.0.0.1]:${acc.getPort()} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(userKey.exportPrivateKey('openssh')),
        extraArgs: ['-A'],
        env: { SSH_AUTH_SOCK: agent.sock },
        command: 'agent',
      });

    it("getAgentPath() is a socket that reaches ssh's agent", async () => {
      const run = await sshA(on);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(agent.fingerprint);
    });

    it('agentForwarding: false refuses the request', async () => {
      const run = await sshA(off);
      expect(run.stdout).toBe('no agent\n');
    });
  });
});
