import { SSHChannel, type SSHConnection } from '@ssh/channels';
import { ValueError } from '@ssh/wire';
import { SSHForwarder } from '../pump/forwarder.js';
import { connectLocal } from '../remote/connect-local.js';

/** The channel a server opens to reach the client's agent (OpenSSH PROTOCOL §2.4 / PROTOCOL.agent). */
export const AGENT_CHANNEL = 'auth-agent@openssh.com';

/**
 * Client side of agent forwarding: answer the server's auth-agent@openssh.com
 * channel opens by connecting each to the local ssh-agent at `agentPath`
 * (default $SSH_AUTH_SOCK). Sessions still have to ask for it (the session
 * option agentForwarding sends auth-agent-req@openssh.com). An agent that
 * can't be reached refuses the channel. Returns a function that stops answering.
 */
export function acceptAgentForwarding(conn: SSHConnection, agentPath?: string): () => void {
  const path = agentPath ?? process.env.SSH_AUTH_SOCK;
  if (!path) throw new ValueError('agent forwarding needs an agent path or SSH_AUTH_SOCK');
  conn.registerChannelType(AGENT_CHANNEL, async () => {
    const socket = await connectLocal({ path });
    const channel = new SSHChannel(conn, { encoding: null });
    channel.setExtraInfo({ local_peername: path, remote_peername: '' });
    channel.attachOnAccept(new SSHForwarder(socket));
    return channel;
  });
  return () => conn.registerChannelType(AGENT_CHANNEL, null);
}
