/** @ssh/forward: TCP/UNIX forwarding, SOCKS, X11 and agent forwarding, tunnels and jump hosts. */
export { openTunnelStream } from './tunnel/channel-stream.js';
