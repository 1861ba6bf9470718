import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, type SSHConnection } from '@ssh/channels';
import {
  GENERATIONS,
  missingPeer,
  peerHost,
  type RunningServer,
  startAgentWithKey,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAgentForwarding } from '../../src/index.js';
import { loginTo } from '../connect.js';

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
    let agent: Awaited<ReturnType<typeof startAgentWithKey>>;
    let dir: string;
    let agentSock: string;
    let fingerprint: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'fwd-agent-'));
      agent = await startAgentWithKey(dir);
      agentSock = agent.sock;
      fingerprint = agent.fingerprint;
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
