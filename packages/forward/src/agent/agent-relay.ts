import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SSHChannel, type SSHConnection } from '@ssh/channels';
import type { ForwardListener } from '../listener.js';
import { LocalForwardListener } from '../local/local-listener.js';
import { tunnelSocket } from '../local/tunnel-socket.js';
import type { SSHForwarder } from '../pump/forwarder.js';
import { AGENT_CHANNEL } from './accept-agent.js';

/** Open an auth-agent@openssh.com channel to the client with `make` as its session. */
async function openAgentChannel(conn: SSHConnection, make: () => SSHForwarder): Promise<void> {
  const channel = new SSHChannel(conn, { encoding: null });
  await conn.openChannel(channel, AGENT_CHANNEL);
  const session = make();
  channel.attachSession(session);
  session.sessionStarted();
}

/**
 * Server side of agent forwarding: a UNIX socket (in a new private folder
 * under the temp directory, unless `socketPath` is given) whose every
 * connection is relayed to the client's agent over an auth-agent@openssh.com
 * channel. Give its path (getAddresses()[0][0], or `agentPath`) to programs
 * as SSH_AUTH_SOCK. The client must have asked for agent forwarding on a
 * session (auth-agent-req@openssh.com); closing removes the socket and its folder.
 */
export async function createAgentRelay(conn: SSHConnection, socketPath?: string): Promise<AgentRelay> {
  const dir = socketPath === undefined ? mkdtempSync(path.join(tmpdir(), 'ssh-agent-')) : null;
  const sock = socketPath ?? path.join(dir as string, 'agent.sock');
  try {
    const listener = await LocalForwardListener.listenPath(sock, (socket) =>
      tunnelSocket(conn, socket, undefined, (_h, _p, make) => openAgentChannel(conn, make)),
    );
    return new AgentRelay(listener.closeWith(conn), sock, dir);
  } catch (err) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The UNIX socket that relays to the client's agent (see createAgentRelay). */
export class AgentRelay implements ForwardListener {
  /** The socket path to give as SSH_AUTH_SOCK. */
  readonly agentPath: string;
  private readonly listener: LocalForwardListener;

  /** @internal Made by createAgentRelay. */
  constructor(listener: LocalForwardListener, agentPath: string, dir: string | null) {
    this.listener = listener;
    this.agentPath = agentPath;
    listener.waitClosed().then(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
  }

  getPort(): number {
    return 0;
  }

  getAddresses(): [string, number][] {
    return [[this.agentPath, 0]];
  }

  /** Stop relaying new agent connections and remove the socket. */
  close(): void {
    this.listener.close();
  }

  waitClosed(): Promise<void> {
    return this.listener.waitClosed();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
