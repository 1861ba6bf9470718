import type { Socket } from 'node:net';
import type { PeerInfo } from './server/start-server.js';

/** The two ends of a socket, as getExtraInfo reports them (peername, sockname). */
export function socketPeerInfo(sock: Socket): PeerInfo {
  return {
    peername: [sock.remoteAddress, sock.remotePort],
    sockname: [sock.localAddress, sock.localPort],
  };
}
