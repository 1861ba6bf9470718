import { OPEN_ADMINISTRATIVELY_PROHIBITED, OPEN_CONNECT_FAILED, PacketReader, PacketWriter } from '@ssh/wire';
import type { ChannelOptions, SessionHandler, SSHChannel } from '../channel.js';
import { ChannelListenError, ChannelOpenError } from '../errors.js';
import type { ChannelOpenRequest, SSHConnection } from '../mux.js';
import { SSHTCPChannel, SSHUNIXChannel } from './tcp-channel.js';
import { type TunnelStreamHandler, TunnelStreamSession } from './tunnel-stream-session.js';

/** Decides on one connection that arrived on a remote listener: a session handler, or false to refuse. */
export type ListenerSessionFactory = (
  origHost: string,
  origPort: number,
) => SessionHandler | false | Promise<SessionHandler | false>;

/** Decides on one connection in stream form: a (reader, writer) handler, or false to refuse. */
export type ListenerHandlerFactory = (
  origHost: string,
  origPort: number,
) => TunnelStreamHandler | false | Promise<TunnelStreamHandler | false>;

type Accept = (origHost: string, origPort: number) => Promise<SSHChannel>;

/** The remote listeners of one connection, by listen address (RFC 4254 §7.1, OpenSSH PROTOCOL §2.4). */
class Listeners {
  readonly tcp = new Map<string, Accept>();
  readonly unix = new Map<string, Accept>();
  /** tcpip-forward requests for port 0 whose reply (the port) has not come yet. */
  readonly pending = new Set<Promise<unknown>>();

  /** The TCP listener for a forwarded-tcpip open to host:port, waiting for port-0 replies when needed. */
  async findTcp(host: string, port: number): Promise<Accept | undefined> {
    const find = () => {
      const exact = this.tcp.get(`${host}:${port}`);
      if (exact) return exact;
      const entries = [...this.tcp.entries()];
      // A server may name the address differently ('' vs 0.0.0.0), or (AsyncSSH 2.10) send port 0 for
      // a port it picked: a single candidate is unambiguous.
      const byPort = entries.filter(([k]) => k.endsWith(`:${port}`));
      if (byPort.length === 1) return byPort[0]?.[1];
      return port === 0 && entries.length === 1 ? entries[0]?.[1] : undefined;
    };
    const found = find();
    if (found || this.pending.size === 0) return found;
    await Promise.allSettled([...this.pending]);
    return find();
  }
}

const registries = new WeakMap<SSHConnection, Listeners>();

function listenersOf(conn: SSHConnection): Listeners {
  let reg = registries.get(conn);
  if (reg) return reg;
  const created = new Listeners();
  reg = created;
  registries.set(conn, created);
  const refuse = (what: string) => new ChannelOpenError(OPEN_CONNECT_FAILED, `no listener for ${what}`);
  conn.registerChannelType('forwarded-tcpip', (req: ChannelOpenRequest) => {
    const r = req.data;
    const host = r.readUtf8('connected address');
    const port = r.readUint32('connected port');
    const origHost = r.readUtf8('originator address');
    const origPort = r.readUint32('originator port');
    return created.findTcp(host, port).then((accept) => {
      if (!accept) throw refuse(`${host}:${port}`);
      return accept(origHost, origPort);
    });
  });
  conn.registerChannelType('forwarded-streamlocal@openssh.com', (req: ChannelOpenRequest) => {
    const path = req.data.readUtf8('socket path');
    const accept = created.unix.get(path);
    if (!accept) throw refuse(path);
    return accept('', 0);
  });
  return created;
}

/** A listener the peer runs for us (tcpip-forward or streamlocal-forward@openssh.com). */
export class SSHListener {
  private readonly conn: SSHConnection;
  private readonly cancelName: string;
  private readonly cancelData: Uint8Array;
  private readonly forget: () => void;
  private readonly port: number;
  private closing: Promise<void> | null = null;
  private markClosed!: () => void;
  /** Settles once close() is acknowledged or the connection has closed. */
  private readonly closed = new Promise<void>((resolve) => {
    this.markClosed = resolve;
  });

  /** @internal Made by createServer and createUnixServer. */
  constructor(
    conn: SSHConnection,
    port: number,
    cancelName: string,
    cancelData: Uint8Array,
    forget: () => void,
  ) {
    this.conn = conn;
    this.port = port;
    this.cancelName = cancelName;
    this.cancelData = cancelData;
    this.forget = forget;
    void conn.waitClosed().then(
      () => this.markClosed(),
      () => this.markClosed(),
    );
  }

  /** The port listened on (the one the peer chose when 0 was asked for); 0 for UNIX sockets. */
  getPort(): number {
    return this.port;
  }

  /** Stop listening; connections already open stay open. */
  close(): void {
    if (this.closing) return;
    this.forget();
    this.closing = this.conn.isClosed
      ? Promise.resolve()
      : this.conn.globalRequest(this.cancelName, this.cancelData, true).then(
          () => undefined,
          () => undefined,
        );
    void this.closing.then(() => this.markClosed());
  }

  /** Resolves once the peer has acknowledged the close, or the connection has closed. */
  async waitClosed(): Promise<void> {
    await this.closed;
  }

  /** `await using listener = ...` closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}

function acceptWith(make: () => SSHChannel, local: unknown, factory: ListenerSessionFactory): Accept {
  return async (origHost, origPort) => {
    const session = await factory(origHost, origPort);
    if (session === false) throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'Connection refused');
    const channel = make();
    channel.setExtraInfo({
      local_peername: local,
      remote_peername: origPort || origHost ? [origHost, origPort] : '',
    });
    channel.attachOnAccept(session);
    return channel;
  };
}

/**
 * Ask the server to listen on listenHost:listenPort (tcpip-forward); each
 * connection it accepts there gets a session from `sessionFactory(origHost,
 * origPort)`. Port 0 lets the server choose (see getPort). Throws
 * ChannelListenError when the server refuses.
 */
export async function createServer(
  conn: SSHConnection,
  sessionFactory: ListenerSessionFactory,
  listenHost: string,
  listenPort: number,
  options: ChannelOptions = {},
): Promise<SSHListener> {
  const reg = listenersOf(conn);
  const request = new PacketWriter().writeString(listenHost).writeUint32(listenPort).toBytes();
  const accept = (port: number) =>
    acceptWith(() => new SSHTCPChannel(conn, options), [listenHost, port], sessionFactory);
  // The server may forward a connection before its reply arrives: a fixed port is ready first,
  // and opens for an unknown port wait while a port-0 request is pending.
  if (listenPort !== 0) reg.tcp.set(`${listenHost}:${listenPort}`, accept(listenPort));
  const asked = conn.globalRequest('tcpip-forward', request, true);
  if (listenPort === 0) reg.pending.add(asked);
  let reply: Uint8Array | null;
  try {
    reply = await asked;
  } finally {
    reg.pending.delete(asked);
  }
  if (reply === null) {
    if (listenPort !== 0) reg.tcp.delete(`${listenHost}:${listenPort}`);
    throw new ChannelListenError(`tcpip-forward of ${listenHost}:${listenPort} refused`);
  }
  const port =
    listenPort === 0 && reply.length >= 4 ? new PacketReader(reply).readUint32('bound port') : listenPort;
  const key = `${listenHost}:${port}`;
  if (listenPort === 0) reg.tcp.set(key, accept(port));
  const cancel = new PacketWriter().writeString(listenHost).writeUint32(port).toBytes();
  return new SSHListener(conn, port, 'cancel-tcpip-forward', cancel, () => reg.tcp.delete(key));
}

/**
 * Ask the server to listen on the UNIX socket `listenPath`
 * (streamlocal-forward@openssh.com); each connection gets a session from
 * `sessionFactory`. Throws ChannelListenError when the server refuses.
 */
export async function createUnixServer(
  conn: SSHConnection,
  sessionFactory: () => SessionHandler | false | Promise<SessionHandler | false>,
  listenPath: string,
  options: ChannelOptions = {},
): Promise<SSHListener> {
  const reg = listenersOf(conn);
  const request = new PacketWriter().writeString(listenPath).toBytes();
  const reply = await conn.globalRequest('streamlocal-forward@openssh.com', request, true);
  if (reply === null) throw new ChannelListenError(`streamlocal-forward of ${listenPath} refused`);
  reg.unix.set(
    listenPath,
    acceptWith(() => new SSHUNIXChannel(conn, options), listenPath, sessionFactory),
  );
  return new SSHListener(conn, 0, 'cancel-streamlocal-forward@openssh.com', request, () =>
    reg.unix.delete(listenPath),
  );
}

function streamFactory(handlerFactory: ListenerHandlerFactory): ListenerSessionFactory {
  return async (origHost, origPort) => {
    const handler = await handlerFactory(origHost, origPort);
    return handler === false ? false : new TunnelStreamSession(handler);
  };
}

/** Stream form of createServer: `handlerFactory(origHost, origPort)` returns a (reader, writer) handler. */
export function startServer(
  conn: SSHConnection,
  handlerFactory: ListenerHandlerFactory,
  listenHost: string,
  listenPort: number,
  options: ChannelOptions = {},
): Promise<SSHListener> {
  return createServer(conn, streamFactory(handlerFactory), listenHost, listenPort, options);
}

/** Stream form of createUnixServer: `handlerFactory()` returns a (reader, writer) handler. */
export function startUnixServer(
  conn: SSHConnection,
  handlerFactory: () => TunnelStreamHandler | false | Promise<TunnelStreamHandler | false>,
  listenPath: string,
  options: ChannelOptions = {},
): Promise<SSHListener> {
  const f = streamFactory(() => handlerFactory());
  return createUnixServer(conn, () => f('', 0), listenPath, options);
}
