import type { ServerChannelOptions, SSHConnection } from '@ssh/channels';
import { type AgentRelay, createAgentRelay, createX11Relay, type X11Relay } from '@ssh/forward';
import type { SSHServerConnection } from './server-connection.js';

/** The server options that let clients forward their agent and X11 to sessions. */
export interface ServerForwardingOptions {
  /** Let clients forward their ssh-agent to sessions (default true). */
  agentForwarding?: boolean;
  /** Let clients forward X11 to sessions (default false). */
  x11Forwarding?: boolean;
  /** Xauthority file the X11 relay writes its cookie to (default $XAUTHORITY or ~/.Xauthority). */
  x11AuthPath?: string;
}

/**
 * The session hooks that answer auth-agent-req and x11-req: one agent relay
 * and one X11 relay per connection, made on the first request, as AsyncSSH
 * and sshd do. authorized_keys no-agent-forwarding / no-X11-forwarding and the
 * certificate's permit-* extensions apply first.
 */
export function serverForwardingHooks(
  mux: SSHConnection,
  conn: SSHServerConnection,
  o: ServerForwardingOptions,
): Pick<ServerChannelOptions, 'agentForwarding' | 'x11Forwarding'> {
  const allowed = (permission: string) =>
    conn.checkKeyPermission(permission) && conn.checkCertificatePermission(permission);
  const hooks: Pick<ServerChannelOptions, 'agentForwarding' | 'x11Forwarding'> = {};
  let agent: Promise<AgentRelay> | null = null;
  let x11: Promise<X11Relay> | null = null;
  if (o.agentForwarding !== false) {
    hooks.agentForwarding = async () => {
      if (!allowed('agent-forwarding')) return null;
      agent ??= createAgentRelay(mux);
      try {
        return (await agent).agentPath;
      } catch {
        agent = null;
        return null;
      }
    };
  }
  if (o.x11Forwarding) {
    hooks.x11Forwarding = async (_channel, request) => {
      if (!allowed('X11-forwarding')) return null;
      x11 ??= createX11Relay(mux, request, o.x11AuthPath !== undefined ? { authPath: o.x11AuthPath } : {});
      try {
        return (await x11).display;
      } catch {
        x11 = null;
        return null;
      }
    };
  }
  return hooks;
}
