import {
  type ChannelOptions,
  type ClientSessionOptions,
  createServer as createRemoteServer,
  createSession,
  createSubprocess,
  createUnixServer,
  type ListenerHandlerFactory,
  type ListenerSessionFactory,
  openSession,
  type ProcessOptions,
  type RunOptions,
  type SessionHandler,
  type SSHClientProcess,
  type SSHClientSession,
  type SSHCompletedProcess,
  type SSHConnection,
  type SSHListener,
  type SSHReader,
  type SSHSubprocessProtocol,
  type SSHSubprocessTransport,
  type SSHWriter,
  startServer,
  startUnixServer,
} from '@ssh/channels';
import type { SSHKey } from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import { createConnection as createSshConnection } from '../legacy.js';
import type { ClientOptionFields } from '../options/client-options.js';
import type { ServerOptionFields } from '../options/server-options.js';
import { connectReverse } from '../reverse/connect-reverse.js';
import { type ListenReverseParams, listenReverse } from '../reverse/listen-reverse.js';
import type { SSHAcceptor } from '../server/acceptor.js';
import { listen } from '../server/listen.js';
import type { SSHServerConnection } from '../server/server-connection.js';
import { createAbortableProcess, runAbortable, type SignalOption, withCommand } from './abortable.js';
import { SSHClientFiles } from './client-files.js';
import { connect } from './connect.js';
import type { SSHClient } from './ssh-client.js';

/**
 * A client's connection to an SSH server (AsyncSSH's SSHClientConnection):
 * run commands, start processes and sessions, then close. Use it with
 * `await using` or call `close()`.
 */
export class SSHClientConnection extends SSHClientFiles {
  private defaults: ClientSessionOptions = {};
  private readonly onClose: (() => void)[] = [];

  constructor(transport: Transport, info: Record<string, unknown>) {
    super(transport, info);
    transport.closedPromise.then(() => {
      for (const fn of this.onClose.splice(0)) fn();
    });
  }

  /** Start the connection protocol once logged in; `sessionDefaults` fill in every session's options. */
  attach(connection: SSHConnection, sessionDefaults: ClientSessionOptions = {}): void {
    this.mux = connection;
    this.defaults = sessionDefaults;
  }

  /** Session options with the connection's defaults (command, env, pty...) under them. */
  private sessionOptions<T extends ClientSessionOptions>(
    command: string | T | undefined,
    options: T | undefined,
  ): T {
    return { ...this.defaults, ...withCommand(command, options) } as T;
  }

  /** Run `fn` when this connection closes (jump hosts under it close with it). */
  whenClosed(fn: () => void): void {
    if (this.transport.isClosed) fn();
    else this.onClose.push(fn);
  }

  /**
   * Run a command to completion; `check: true` throws ProcessError on a
   * non-zero exit, `timeout` TimeoutError, and `signal` cancels it.
   */
  run(
    command?: string | (RunOptions & SignalOption),
    options?: RunOptions & SignalOption,
  ): Promise<SSHCompletedProcess> {
    return runAbortable(this.connection, this.sessionOptions(command, options));
  }

  /** Start a remote process with stdin/stdout/stderr streams; `signal` closes it. */
  createProcess(
    command?: string | (ProcessOptions & SignalOption),
    options?: ProcessOptions & SignalOption,
  ): Promise<SSHClientProcess> {
    return createAbortableProcess(this.connection, this.sessionOptions(command, options));
  }

  /** Open a session with a callback-style session object. */
  createSession<S extends SSHClientSession>(factory: () => S, options?: ClientSessionOptions) {
    return createSession(this.connection, factory, this.sessionOptions(undefined, options));
  }

  /** Open a session as [stdin, stdout, stderr] streams. */
  openSession(options?: ClientSessionOptions): Promise<[SSHWriter, SSHReader, SSHReader]> {
    return openSession(this.connection, this.sessionOptions(undefined, options));
  }

  /** Ask the server to listen on host:port (tcpip-forward); each connection it accepts opens a session from `sessionFactory`. */
  createServer(
    sessionFactory: ListenerSessionFactory,
    listenHost: string,
    listenPort: number,
    options?: ChannelOptions,
  ): Promise<SSHListener> {
    return createRemoteServer(this.connection, sessionFactory, listenHost, listenPort, options);
  }

  /** Stream form of createServer: `handlerFactory` returns a (reader, writer) handler per connection. */
  startServer(
    handlerFactory: ListenerHandlerFactory,
    listenHost: string,
    listenPort: number,
    options?: ChannelOptions,
  ): Promise<SSHListener> {
    return startServer(this.connection, handlerFactory, listenHost, listenPort, options);
  }

  /** Ask the server to listen on a UNIX socket path (streamlocal-forward@openssh.com). */
  createUnixServer(
    sessionFactory: () => SessionHandler | false | Promise<SessionHandler | false>,
    listenPath: string,
    options?: ChannelOptions,
  ): Promise<SSHListener> {
    return createUnixServer(this.connection, sessionFactory, listenPath, options);
  }

  /** Stream form of createUnixServer. */
  startUnixServer(
    handlerFactory: Parameters<typeof startUnixServer>[1],
    listenPath: string,
    options?: ChannelOptions,
  ): Promise<SSHListener> {
    return startUnixServer(this.connection, handlerFactory, listenPath, options);
  }

  /** Start a remote process driven by a subprocess protocol object (AsyncSSH's create_subprocess). */
  createSubprocess<P extends SSHSubprocessProtocol>(
    protocolFactory: () => P,
    command?: string | ClientSessionOptions,
    options?: ClientSessionOptions,
  ): Promise<[SSHSubprocessTransport, P]> {
    return createSubprocess(this.connection, protocolFactory, this.sessionOptions(command, options));
  }

  /** Connect to another SSH server through this one (a direct-tcpip channel carries it). */
  connectSsh(host: string, options: ClientOptionFields = {}): Promise<SSHClientConnection> {
    return connect(host, { ...options, tunnel: this });
  }

  /** AsyncSSH's older form of connectSsh: resolves to the connection and its SSHClient. */
  createSshConnection<C extends SSHClient>(
    clientFactory: () => C,
    host: string,
    port?: number,
    options: ClientOptionFields = {},
  ): Promise<[SSHClientConnection, C]> {
    return createSshConnection(clientFactory, host, port, { ...options, tunnel: this });
  }

  /** Dial host:port through this connection and run an SSH server there (connectReverse through a tunnel). */
  connectReverseSsh(host: string, options: ServerOptionFields = {}): Promise<SSHServerConnection> {
    return connectReverse(host, { ...options, tunnel: this });
  }

  /**
   * Run an SSH server on a listener the server of this connection opens on
   * host:port (tcpip-forward; port 0 lets it choose): listen() through a tunnel.
   */
  listenSsh(host = '', options: ServerOptionFields = {}): Promise<SSHAcceptor<ServerOptionFields>> {
    return listen({ ...options, host, tunnel: this });
  }

  /** Run a reverse-direction SSH client on a listener the server opens: listenReverse() through a tunnel. */
  listenReverseSsh(
    host = '',
    options: ClientOptionFields & ListenReverseParams = {},
  ): Promise<SSHAcceptor<ClientOptionFields>> {
    return listenReverse({ ...options, host, tunnel: this });
  }

  /** The server's host key as proven in the key exchange. */
  getServerHostKey(): SSHKey | undefined {
    return this.transport.hostKey;
  }
}
