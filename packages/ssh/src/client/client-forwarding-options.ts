import type { ClientSessionOptions, SSHConnection } from '@ssh/channels';
import { acceptAgentForwarding, startX11Forwarding } from '@ssh/forward';

/** The client options that forward the agent and X11 to the server's sessions. */
export interface ClientForwardingOptions {
  /** Let the server's sessions use our ssh-agent (agentPath, else $SSH_AUTH_SOCK; default false). */
  agentForwarding?: boolean;
  agentPath?: string | null;
  /** Ask for X11 forwarding on each session: true (a refusal fails the session) or 'ignore_failure' (default false). */
  x11Forwarding?: boolean | 'ignore_failure';
  /** The display X11 connections go to (default $DISPLAY). */
  x11Display?: string;
  /** Xauthority file to read the display's cookie from (default $XAUTHORITY or ~/.Xauthority). */
  x11AuthPath?: string;
  /** Accept only one X11 connection per session (default false). */
  x11SingleConnection?: boolean;
}

/**
 * Set up agent and X11 forwarding on a logged-in connection; returns the
 * session options every session then carries (auth-agent-req, x11-req).
 */
export async function startClientForwarding(
  mux: SSHConnection,
  o: ClientForwardingOptions,
): Promise<Partial<ClientSessionOptions>> {
  const session: Partial<ClientSessionOptions> = {};
  if (o.agentForwarding) {
    acceptAgentForwarding(mux, o.agentPath ?? undefined);
    session.agentForwarding = true;
  }
  if (o.x11Forwarding) {
    const ignore = o.x11Forwarding === 'ignore_failure';
    try {
      const fw = await startX11Forwarding(mux, {
        ...(o.x11Display !== undefined ? { display: o.x11Display } : {}),
        ...(o.x11AuthPath !== undefined ? { authPath: o.x11AuthPath } : {}),
        ...(o.x11SingleConnection !== undefined ? { singleConnection: o.x11SingleConnection } : {}),
      });
      session.x11 = fw.request;
      if (ignore) session.x11IgnoreFailure = true;
    } catch (err) {
      if (!ignore) throw err;
    }
  }
  return session;
}
