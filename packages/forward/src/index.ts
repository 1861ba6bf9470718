/** @ssh/forward: TCP/UNIX forwarding, SOCKS, X11 and agent forwarding, tunnels and jump hosts. */
export { AGENT_CHANNEL, acceptAgentForwarding } from './agent/accept-agent.js';
export { AgentRelay, createAgentRelay } from './agent/agent-relay.js';
export type { AcceptHandler, ForwardListener } from './listener.js';
export {
  forwardLocalPath,
  forwardLocalPathToPort,
  forwardLocalPort,
  forwardLocalPortToPath,
  type LocalForwardOptions,
} from './local/forward-local.js';
export { LocalForwardListener } from './local/local-listener.js';
export { SSHForwarder } from './pump/forwarder.js';
export {
  forwardRemotePath,
  forwardRemotePathToPort,
  forwardRemotePort,
  forwardRemotePortToPath,
} from './remote/forward-remote.js';
export { RemoteForwardListener } from './remote/remote-listener.js';
export { forwardSocks } from './socks/forward-socks.js';
export { openTunnelStream } from './tunnel/channel-stream.js';
export { listenTunnelStreams, type TunnelArrival } from './tunnel/listen-streams.js';
export { parseDisplay, type X11Display } from './x11/display.js';
export {
  startX11Forwarding,
  X11_CHANNEL,
  type X11Forwarding,
  type X11ForwardingOptions,
} from './x11/x11-forwarding.js';
export { createX11Relay, X11Relay, type X11RelayOptions } from './x11/x11-relay.js';
export { parseXauthority, type XauthEntry } from './x11/xauthority.js';
