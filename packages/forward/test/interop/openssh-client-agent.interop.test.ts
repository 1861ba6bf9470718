import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acceptSessions, type SSHConnection, type SSHServerChannel, SSHServerSession } from '@ssh/channels';
import { missingPeer, startAgentWithKey } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentRelay, createAgentRelay } from '../../src/index.js';
import { startOurServer } from '../our-server.js';

/** A session that accepts agent forwarding and runs `ssh-add -l` on this machine against the relay. */
class AgentListing extends SSHServerSession {
  static relayPaths: string[] = [];
  private channel: SSHServerChannel | null = null;
  private agentAsked = false;
  constructor(private readonly conn: SSHConnection) {
    super();
  }
  override connectionMade(channel: unknown): void {
    this.channel = channel as SSHServerChannel;
  }
  override agentRequested(): boolean {
    this.agentAsked = true;
    return true;
  }
  override eofReceived(): boolean {
    return true;
  }
  override execRequested(): boolean {
    return true;
  }
  override sessionStarted(): void {
    void this.list();
  }
  private async list(): Promise<void> {
    const channel = this.channel as SSHServerChannel;
    if (!this.agentAsked) {
      channel.write('no agent forwarding asked\n');
      channel.exit(3);
      return;
    }
    const relay: AgentRelay = await createAgentRelay(this.conn);
    AgentListing.relayPaths.push(relay.agentPath);
    const out = await new Promise<string>((resolve) => {
      execFile(
        'ssh-add',
        ['-l'],
        { env: { ...process.env, SSH_AUTH_SOCK: relay.agentPath } },
        (_e, stdout, stderr) => resolve(stdout + stderr),
      );
    });
    expect(relay.getAddresses()).toEqual([[relay.agentPath, 0]]);
    await relay[Symbol.asyncDispose]();
    channel.write(out);
    channel.exit(0);
  }
}

/** Run OpenSSH `ssh` with the given agent and arguments; resolves with its stdout and exit code. */
function ssh(port: number, knownHosts: string, identity: string, agentSock: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-p',
        String(port),
        '-i',
        identity,
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        ...args,
        'tester@127.0.0.1',
        'list-agent',
      ],
      { env: { ...process.env, SSH_AUTH_SOCK: agentSock }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const skip =
  existsSync('/usr/bin/ssh') && existsSync('/usr/bin/ssh-agent')
    ? false
    : missingPeer('OpenSSH ssh and ssh-agent', 'apt-get install openssh-client').skip;

describe.skipIf(skip)('createAgentRelay: our server relays to the agent of OpenSSH `ssh -A`', () => {
  let dir: string;
  let agent: Awaited<ReturnType<typeof startAgentWithKey>>;
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let knownHosts: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fwd-relay-'));
    agent = await startAgentWithKey(dir);
    server = await startOurServer((conn) =>
      acceptSessions(conn, { sessionRequested: () => new AgentListing(conn) }),
    );
    knownHosts = path.join(dir, 'known_hosts');
    writeFileSync(knownHosts, server.knownHosts);
  });
  afterAll(async () => {
    server?.close();
    await agent?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ssh -A: ssh-add -l on our server lists the key of the agent on the client side', async () => {
    const r = await ssh(server.port, knownHosts, agent.keyPath, agent.sock, ['-A']);
    expect(r.stdout, r.stderr).toContain(agent.fingerprint);
    expect(r.stdout).toContain('forwarded-key');
    expect(r.code).toBe(0);
    // The relay's private folder is gone once it is closed.
    const last = AgentListing.relayPaths.at(-1) as string;
    expect(existsSync(path.dirname(last))).toBe(false);
  });

  it('without -A the session never asked for it', async () => {
    const r = await ssh(server.port, knownHosts, agent.keyPath, agent.sock, ['-a']);
    expect(r.stdout, r.stderr).toContain('no agent forwarding asked');
    expect(r.code).toBe(3);
  });
});
