import { lookup } from 'node:dns/promises';
import { createServer, isIP, type Server, type Socket } from 'node:net';
import type { SSHConnection } from '@ssh/channels';
import { checkPort, type ForwardListener } from '../listener.js';

/** What a local listener does with each accepted socket (it arrives paused, half-close allowed). */
export type SocketHandler = (socket: Socket) => void;

function newServer(onSocket: SocketHandler): Server {
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) => {
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  return server;
}

function listenOn(server: Server, options: { host?: string; port?: number; path?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      // An accept failure later (e.g. out of file descriptors) must not crash the process.
      server.on('error', () => undefined);
      resolve();
    });
  });
}

/** The addresses `host` names: '' is every interface; a name may resolve to IPv6 and IPv4 both. */
async function addressesOf(host: string): Promise<string[]> {
  if (host === '') return ['::'];
  if (isIP(host)) return [host];
  const found = await lookup(host, { all: true });
  return [...new Set(found.map((a) => a.address))];
}

/** A local TCP or UNIX socket listener whose connections are forwarded over an SSH connection. */
export class LocalForwardListener implements ForwardListener {
  private readonly servers: Server[];
  private readonly path: string | null;
  private closed = false;
  private markClosed!: () => void;
  private readonly closedPromise = new Promise<void>((resolve) => {
    this.markClosed = resolve;
  });

  private constructor(servers: Server[], path: string | null) {
    this.servers = servers;
    this.path = path;
  }

  /**
   * Listen on every address of `host` at `port` (0 picks a free port, shared by all
   * addresses). Rejects with the system error (EADDRINUSE, EACCES...) when it cannot.
   */
  static async listenTcp(host: string, port: number, onSocket: SocketHandler): Promise<LocalForwardListener> {
    checkPort(port, 'listen port');
    const addresses = await addressesOf(host);
    const servers: Server[] = [];
    let bound = port;
    try {
      for (const address of addresses) {
        const server = newServer(onSocket);
        try {
          await listenOn(server, { host: address, port: bound });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (host === '' && address === '::' && (code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL')) {
            await listenOn(server, { host: '0.0.0.0', port: bound });
          } else if (servers.length > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) {
            continue;
          } else {
            throw err;
          }
        }
        servers.push(server);
        const a = server.address();
        if (a && typeof a === 'object') bound = a.port;
      }
    } catch (err) {
      for (const s of servers) s.close();
      throw err;
    }
    return new LocalForwardListener(servers, null);
  }

  /** Listen on the UNIX socket `path`. Rejects with the system error (EADDRINUSE when it exists...). */
  static async listenPath(path: string, onSocket: SocketHandler): Promise<LocalForwardListener> {
    const server = newServer(onSocket);
    await listenOn(server, { path });
    return new LocalForwardListener([server], path);
  }

  /** Close this listener when `conn` closes. */
  closeWith(conn: SSHConnection): this {
    conn.waitClosed().then(
      () => this.close(),
      () => this.close(),
    );
    return this;
  }

  getPort(): number {
    if (this.path !== null) return 0;
    const a = this.servers[0]?.address();
    return a && typeof a === 'object' ? a.port : 0;
  }

  getAddresses(): [string, number][] {
    if (this.path !== null) return [[this.path, 0]];
    const out: [string, number][] = [];
    for (const s of this.servers) {
      const a = s.address();
      if (a && typeof a === 'object') out.push([a.address, a.port]);
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Stops accepting at once; connections already forwarded are left alone.
    for (const s of this.servers) s.close();
    setImmediate(this.markClosed);
  }

  waitClosed(): Promise<void> {
    return this.closedPromise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
