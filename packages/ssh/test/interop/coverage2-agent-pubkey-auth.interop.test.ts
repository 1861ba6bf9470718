import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  sshKeygen,
  startAgentWithKey,
  startOpenSshd,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAgent, generatePrivateKey, listen, SSHServer } from '../../src/index.js';

// Agent key comments as OpenSSH's ssh-agent keeps them (SSHAgentKeyPair.getCommentBytes and
// setComment), and the publicKeyAuth option of connect (against sshd) and of listen (with ssh).

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('agent key comments and publicKeyAuth, with OpenSSH', () => {
  let server: RunningServer;
  let agent: Awaited<ReturnType<typeof startAgentWithKey>>;
  let dir: string;
  const COMMENT = 'clé ✓ cov2';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-agent-'));
    agent = await startAgentWithKey(dir);
    const second = sshKeygen('ecdsa', path.join(dir, 'id_second'), { bits: 256, comment: COMMENT });
    execFileSync('ssh-add', [second.path], {
      env: { ...process.env, SSH_AUTH_SOCK: agent.sock },
      stdio: 'ignore',
    });
    server = await startOpenSshd();
    appendFileSync(path.join(server.workdir.local, 'authorized_keys'), readFileSync(`${second.path}.pub`));
  });
  afterAll(async () => {
    await server?.stop();
    await agent?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SSHAgentKeyPair.getCommentBytes: the comments ssh-add gave the agent; setComment changes only our copy', async () => {
    const client = await connectAgent(agent.sock);
    try {
      const keys = await client.getKeys();
      expect(keys.map((k) => dec(k.getCommentBytes() ?? new Uint8Array()))).toEqual([
        'forwarded-key',
        COMMENT,
      ]);
      expect(keys[1]?.getCommentBytes()).toEqual(enc(COMMENT));
      keys[1]?.setComment('renamed locally');
      expect(keys[1]?.getCommentBytes()).toEqual(enc('renamed locally'));
      // The agent still holds the comment ssh-add gave it.
      const again = await client.getKeys();
      expect(again[1]?.getCommentBytes()).toEqual(enc(COMMENT));
      const listed = execFileSync('ssh-add', ['-l'], {
        env: { ...process.env, SSH_AUTH_SOCK: agent.sock },
        encoding: 'utf8',
      });
      expect(listed).toContain(COMMENT);
      expect(listed).not.toContain('renamed locally');
      // The agent's key still signs: sshd accepts it through the agent.
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: server.user,
        knownHosts: server.knownHostsPath,
        clientKeys: [],
        config: null,
        agentPath: agent.sock,
      });
      expect((await conn.run('echo in')).stdout).toBe('in\n');
      await waitForLog(server, /Accepted publickey for root .* ECDSA/);
    } finally {
      client.close();
    }
  });

  it('connect publicKeyAuth: false never offers the key sshd would accept', async () => {
    const attempt = async (publicKeyAuth: boolean) => {
      try {
        await using conn = await connect('127.0.0.1', {
          port: server.port,
          username: server.user,
          knownHosts: server.knownHostsPath,
          clientKeys: [server.clientKey.path],
          publicKeyAuth,
          config: null,
          agentPath: null,
        });
        return String((await conn.run('echo in')).stdout);
      } catch (e) {
        return (e as Error).name;
      }
    };
    const mark = server.log().length;
    expect(await attempt(false)).toBe('PermissionDenied');
    expect(server.log().slice(mark)).not.toMatch(/Accepted publickey|Failed publickey/);
    expect(await attempt(true)).toBe('in\n');
  });

  it('listen publicKeyAuth: false leaves publickey out of the methods ssh is offered', async () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const user = generatePrivateKey('ssh-ed25519');
    class Passwords extends SSHServer {
      override passwordAuthSupported(): boolean {
        return true;
      }
      override validatePassword(_u: string, password: string): boolean {
        return password === 'sesame';
      }
    }
    const results: string[] = [];
    for (const publicKeyAuth of [true, false]) {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: dec(user.exportPublicKey('openssh')),
        publicKeyAuth,
        serverFactory: () => new Passwords(),
        processFactory: (p) => {
          p.stdout.write('in\n');
          p.exit(0);
        },
      });
      const port = acceptor.getPort();
      const r = await runOpenSshClient({
        port,
        knownHosts: `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(user.exportPrivateKey('openssh')),
        command: 'x',
      });
      const offered = /Authentications that can continue: ([\w,-]+)/.exec(r.stderr)?.[1] ?? '';
      results.push(`${r.stdout.trim() || 'denied'} [${offered}]`);
    }
    expect(results[0]).toMatch(/^in \[.*publickey.*\]$/);
    expect(results[1]).toMatch(/^denied \[.*password.*\]$/);
    expect(results[1]).not.toContain('publickey');
  });
});
