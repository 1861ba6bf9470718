import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, type SSHConnection } from '@ssh/channels';
import {
  GENERATIONS,
  missingPeer,
  type PeerProcess,
  peerHost,
  type RunningServer,
  sshKeygen,
  startOpenSshd,
  startProcess,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAgentForwarding } from '../../src/index.js';
import { loginTo } from '../connect.js';

/** Wait until the agent answers (ssh-add -l exits 2 while it cannot be reached, 1 when it has no keys). */
async function waitForAgent(sock: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = spawnSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
    if (r.status === 0 || r.status === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('ssh-agent never answered');
}

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = !existsSync('/usr/bin/ssh-agent')
    ? missingPeer('ssh-agent', 'apt-get install openssh-client').skip
    : host?.has('/usr/sbin/sshd') && host.has('/usr/bin/ssh-add')
      ? false
      : missingPeer(`OpenSSH sshd and ssh-add (${generation})`, 'apt-get install openssh-server; pnpm peers')
          .skip;

  describe.skipIf(skip)(`agent forwarding to a real ssh-agent through OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let agent: PeerProcess;
    let dir: string;
    let agentSock: string;
    let fingerprint: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'fwd-agent-'));
      agentSock = path.join(dir, 'agent.sock');
      agent = startProcess('ssh-agent', ['-D', '-a', agentSock], 'ssh-agent');
      await waitForAgent(agentSock);
      const key = sshKeygen('ed25519', path.join(dir, 'id_ed25519'), { comment: 'forwarded-key' });
      execFileSync('ssh-add', [key.path], {
        env: { ...process.env, SSH_AUTH_SOCK: agentSock },
        stdio: 'ignore',
      });
      fingerprint =
        execFileSync('ssh-keygen', ['-lf', `${key.path}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
      server = await startOpenSshd({ generation });
      conn = await loginTo(server);
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
      await agent?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('acceptAgentForwarding: ssh-add -l on the server lists the keys of our local agent', async () => {
      const stop = acceptAgentForwarding(conn, agentSock);
      try {
        const result = await run(conn, 'ssh-add -l', { agentForwarding: true });
        expect(result.exitStatus).toBe(0);
        expect(String(result.stdout)).toContain(fingerprint);
        expect(String(result.stdout)).toContain('forwarded-key');
        // Several agent connections in one session, each its own channel.
        const twice = await run(conn, 'ssh-add -l && ssh-add -L', { agentForwarding: true });
        expect(String(twice.stdout)).toContain('forwarded-key');
        expect(String(twice.stdout)).toContain('ssh-ed25519 ');
      } finally {
        stop();
      }
    });

    it('an agent that cannot be reached refuses the channel; the session still ends cleanly', async () => {
      const stop = acceptAgentForwarding(conn, path.join(dir, 'no-such-agent.sock'));
      try {
        const result = await run(conn, 'ssh-add -l; echo done', { agentForwarding: true });
        expect(String(result.stdout)).not.toContain(fingerprint);
        expect(String(result.stdout)).toContain('done');
      } finally {
        stop();
      }
      expect(() => acceptAgentForwarding(conn, '')).toThrow(/agent/);
    });
  });
}
