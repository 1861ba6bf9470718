import { OPEN_ADMINISTRATIVELY_PROHIBITED, PacketWriter } from '@ssh/wire';
import { type ChannelOptions, type SessionHandler, SSHChannel } from '../channel.js';
import { ChannelOpenError } from '../errors.js';
import type { ChannelOpenRequest, SSHConnection } from '../mux.js';
import { SSHSession } from '../session/session.js';
import { SSHReader } from '../stream/reader.js';
import { SSHStreamSession } from '../stream/stream-session.js';
import { SSHWriter } from '../stream/writer.js';
import { TunnelStreamSession } from './tunnel-stream-session.js';

/** Handler of a direct or forwarded TCP channel. */
export class SSHTCPSession extends SSHSession {}

/** Handler of a direct or forwarded UNIX socket channel. */
export class SSHUNIXSession extends SSHSession {}

/** Options of a TCP or UNIX channel: data is bytes unless an encoding is given. */
export interface TunnelOptions extends ChannelOptions {
  /** Originator address and port sent with the open (default '' and 0). */
  origHost?: string;
  origPort?: number;
}

/** A channel carrying a tunneled TCP connection; extra info has local_peername and remote_peername. */
export class SSHTCPChannel extends SSHChannel {
  constructor(conn: SSHConnection, options: ChannelOptions = {}) {
    super(conn, { ...options, encoding: options.encoding ?? null });
  }
}

/** A channel carrying a tunneled UNIX socket connection. */
export class SSHUNIXChannel extends SSHChannel {
  constructor(conn: SSHConnection, options: ChannelOptions = {}) {
    super(conn, { ...options, encoding: options.encoding ?? null });
  }
}

async function open<C extends SSHChannel, S extends SessionHandler>(
  conn: SSHConnection,
  channel: C,
  type: string,
  extra: Uint8Array,
  sessionFactory: () => S,
): Promise<[C, S]> {
  await conn.openChannel(channel, type, extra);
  const session = sessionFactory();
  channel.attachSession(session);
  session.sessionStarted?.();
  return [channel, session];
}

/**
 * Open a TCP channel: a client's direct-tcpip to remoteHost:remotePort, or a
 * server's forwarded-tcpip for a connection that arrived on remoteHost:remotePort.
 */
export function createConnection<S extends SessionHandler>(
  conn: SSHConnection,
  sessionFactory: () => S,
  remoteHost: string,
  remotePort: number,
  options: TunnelOptions = {},
): Promise<[SSHTCPChannel, S]> {
  const origHost = options.origHost ?? '';
  const origPort = options.origPort ?? 0;
  const channel = new SSHTCPChannel(conn, options);
  const type = conn.role === 'client' ? 'direct-tcpip' : 'forwarded-tcpip';
  const extra = new PacketWriter()
    .writeString(remoteHost)
    .writeUint32(remotePort)
    .writeString(origHost)
    .writeUint32(origPort)
    .toBytes();
  const local: [string, number] = [origHost, origPort];
  const remote: [string, number] = [remoteHost, remotePort];
  channel.setExtraInfo({
    local_peername: conn.role === 'client' ? local : remote,
    remote_peername: conn.role === 'client' ? remote : local,
  });
  return open(conn, channel, type, extra, sessionFactory);
}

/** Open a UNIX socket channel: direct-streamlocal (client) or forwarded-streamlocal (server) for `remotePath`. */
export function createUnixConnection<S extends SessionHandler>(
  conn: SSHConnection,
  sessionFactory: () => S,
  remotePath: string,
  options: ChannelOptions = {},
): Promise<[SSHUNIXChannel, S]> {
  const channel = new SSHUNIXChannel(conn, options);
  const client = conn.role === 'client';
  const w = new PacketWriter().writeString(remotePath).writeString('');
  if (client) w.writeUint32(0);
  channel.setExtraInfo({ local_peername: '', remote_peername: remotePath });
  const type = client ? 'direct-streamlocal@openssh.com' : 'forwarded-streamlocal@openssh.com';
  return open(conn, channel, type, w.toBytes(), sessionFactory);
}

/** Stream form of createConnection: [reader, writer]. */
export async function openConnection(
  conn: SSHConnection,
  remoteHost: string,
  remotePort: number,
  options: TunnelOptions = {},
): Promise<[SSHReader, SSHWriter]> {
  const [, s] = await createConnection(conn, () => new SSHStreamSession(), remoteHost, remotePort, options);
  return [new SSHReader(s), new SSHWriter(s)];
}

/** Stream form of createUnixConnection: [reader, writer]. */
export async function openUnixConnection(
  conn: SSHConnection,
  remotePath: string,
  options: ChannelOptions = {},
): Promise<[SSHReader, SSHWriter]> {
  const [, s] = await createUnixConnection(conn, () => new SSHStreamSession(), remotePath, options);
  return [new SSHReader(s), new SSHWriter(s)];
}

/** An incoming TCP or UNIX channel open, decoded. */
export interface TunnelRequest {
  readonly type: string;
  /** Destination host (or socket path) and port (0 for UNIX sockets). */
  readonly host: string;
  readonly port: number;
  readonly origHost: string;
  readonly origPort: number;
}

/** What a tunnel handler answers: a session handler, a stream handler (reader, writer), either with its own channel, or false. */
export type TunnelAnswer =
  | SessionHandler
  | ((reader: SSHReader, writer: SSHWriter) => unknown)
  | [SSHTCPChannel | SSHUNIXChannel, SessionHandler | ((reader: SSHReader, writer: SSHWriter) => unknown)]
  | false;

/** Answers a tunnel open (see TunnelAnswer; false refuses). */
export type TunnelHandler = (request: TunnelRequest) => TunnelAnswer | Promise<TunnelAnswer>;

/** Build a TCP channel with its own encoding, window or packet size, for a tunnel handler to return (createTcpChannel). */
export function createTcpChannel(conn: SSHConnection, options: ChannelOptions = {}): SSHTCPChannel {
  return new SSHTCPChannel(conn, options);
}

/** Build a UNIX socket channel with its own settings, for a tunnel handler to return (createUnixChannel). */
export function createUnixChannel(conn: SSHConnection, options: ChannelOptions = {}): SSHUNIXChannel {
  return new SSHUNIXChannel(conn, options);
}

function decode(req: ChannelOpenRequest): TunnelRequest {
  const r = req.data;
  if (req.type.includes('streamlocal')) {
    return { type: req.type, host: r.readUtf8('socket path'), port: 0, origHost: '', origPort: 0 };
  }
  return {
    type: req.type,
    host: r.readUtf8('host'),
    port: r.readUint32('port'),
    origHost: r.readUtf8('originator address'),
    origPort: r.readUint32('originator port'),
  };
}

/**
 * Accept incoming channels of a tunnel `type` (direct-tcpip, forwarded-tcpip,
 * direct-streamlocal@openssh.com, forwarded-streamlocal@openssh.com) with `handler`.
 */
export function acceptTunnels(
  conn: SSHConnection,
  type: string,
  handler: TunnelHandler,
  options: ChannelOptions = {},
): void {
  conn.registerChannelType(type, async (req) => {
    const info = decode(req);
    const result = await handler(info);
    if (result === false) throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'Connection refused');
    const [channel, handled] = Array.isArray(result)
      ? result
      : [
          type.includes('streamlocal') ? new SSHUNIXChannel(conn, options) : new SSHTCPChannel(conn, options),
          result,
        ];
    channel.setExtraInfo({
      local_peername: [info.host, info.port],
      remote_peername: [info.origHost, info.origPort],
    });
    channel.attachOnAccept(typeof handled === 'function' ? new TunnelStreamSession(handled) : handled);
    return channel;
  });
}
