import type { Socket } from 'node:net';
import { openTunnelStream } from '@ssh/forward';
import type { ByteStream } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { lookupHints } from '../options/address-flags.js';
import type { ClientOptionFields } from '../options/client-options.js';
import type { PeerInfo } from '../server/start-server.js';
import { socketPeerInfo } from '../socket-info.js';
import type { SSHClientConnection } from './client-connection.js';
import { openSocket } from './open-socket.js';
import { proxyCommandStream } from './proxy-command.js';

/** A byte stream to the server, the addresses to report, and the jump connections under it. */
export interface Dialled {
  stream: ByteStream;
  peer: PeerInfo;
  jumps: SSHClientConnection[];
  /** The TCP socket, when there is one (ssh-keysign needs it). */
  socket?: Socket;
}

/** Open one jump host connection (used for string tunnels); settings come from config only. */
export type JumpConnector = (
  hop: string,
  through: SSHClientConnection | undefined,
) => Promise<SSHClientConnection>;

/**
 * Reach host:port the way the options say: a given socket, a proxy command,
 * a channel of a tunnel connection, a chain of jump hosts, or TCP.
 */
export async function dial(
  o: ClientOptionFields,
  host: string,
  port: number,
  signal: AbortSignal,
  jump: JumpConnector,
): Promise<Dialled> {
  if (o.sock)
    return { stream: fromNodeStream(o.sock), peer: socketPeerInfo(o.sock), jumps: [], socket: o.sock };
  const viaChannel = async (through: SSHClientConnection, jumps: SSHClientConnection[]) => {
    const { stream } = await openTunnelStream(through.connection, host, port);
    return { stream, peer: { peername: [host, port], sockname: ['', 0] } as PeerInfo, jumps };
  };
  if (typeof o.tunnel === 'object' && o.tunnel !== null) return viaChannel(o.tunnel, []);
  if (typeof o.tunnel === 'string' && o.tunnel !== 'none') {
    const jumps: SSHClientConnection[] = [];
    try {
      for (const hop of o.tunnel
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)) {
        if (signal.aborted) throw signal.reason;
        jumps.push(await jump(hop, jumps.at(-1)));
      }
      const last = jumps.at(-1);
      if (!last) throw new TypeError(`connect: option "tunnel" names no host: "${o.tunnel}"`);
      return await viaChannel(last, jumps);
    } catch (err) {
      for (const j of jumps.reverse()) j.close();
      throw err;
    }
  }
  if (o.proxyCommand && o.proxyCommand !== 'none') {
    return {
      stream: proxyCommandStream(o.proxyCommand),
      peer: { peername: [host, port], sockname: ['', 0] },
      jumps: [],
    };
  }
  const sock = await openSocket(
    {
      host,
      port,
      family: o.family,
      hints: lookupHints('connect', o.flags),
      localAddr: o.localAddr,
      tcpKeepalive: o.tcpKeepalive,
    },
    signal,
  );
  return { stream: fromNodeStream(sock), peer: socketPeerInfo(sock), jumps: [], socket: sock };
}

/** Split a jump host '[user@]host[:port]' (or '[user@][v6addr]:port') into its parts. */
export function parseHop(hop: string): { username?: string; host: string; port?: number } {
  const at = hop.lastIndexOf('@');
  const username = at >= 0 ? hop.slice(0, at) : undefined;
  let rest = at >= 0 ? hop.slice(at + 1) : hop;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracket) {
    rest = bracket[1] ?? '';
    if (bracket[2]) port = Number(bracket[2]);
  } else {
    const m = /^([^:]+):(\d+)$/.exec(rest);
    if (m) {
      rest = m[1] ?? '';
      port = Number(m[2]);
    }
  }
  return { ...(username ? { username } : {}), host: rest, ...(port !== undefined ? { port } : {}) };
}
