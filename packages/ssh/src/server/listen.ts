import { readFileSync } from 'node:fs';
import net from 'node:net';
import {
  authenticateServer,
  importAuthorizedKeys,
  type ServerAuthHooks,
  type SSHAuthorizedKeys,
} from '@ssh/auth';
import { acceptSessions, SSHConnection, type SSHServerProcess } from '@ssh/channels';
import { SSHKeyPair } from '@ssh/crypto';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { ConnectionLost, DEFAULT_LOGIN_TIMEOUT } from '@ssh/wire';
import { loadPrivateKey } from '../options/keys.js';
import type { SSHServerConnectionOptions } from '../options/server-options.js';
import { SSHServerConnection } from './server-connection.js';

/** A listening SSH server (AsyncSSH's SSHAcceptor). */
export class SSHAcceptor {
  private readonly live = new Set<SSHServerConnection | Transport>();

  constructor(private readonly server: net.Server) {}

  /** The port it listens on. */
  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Track a connection so close() ends it. */
  add(c: SSHServerConnection | Transport): void {
    this.live.add(c);
    const t = c instanceof Transport ? c : c.transport;
    t.closedPromise.then(() => this.live.delete(c));
  }

  /** Stop listening and close every connection. */
  close(): void {
    this.server.close();
    for (const c of this.live) c instanceof Transport ? c.abort() : c.close();
  }

  /** Wait until the listener and every connection have closed. */
  async waitClosed(): Promise<void> {
    await new Promise<void>((r) => (this.server.listening ? this.server.once('close', () => r()) : r()));
    await Promise.all([...this.live].map((c) => (c instanceof Transport ? c.closedPromise : c.waitClosed())));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}

function authorizedKeysFrom(option: string | undefined): SSHAuthorizedKeys | undefined {
  if (option === undefined) return undefined;
  return importAuthorizedKeys(
    option.includes('\n') || option.startsWith('ssh-') ? option : readFileSync(option, 'utf8'),
  );
}

/**
 * Start an SSH server (AsyncSSH's `listen`): each connection gets a key
 * exchange with the host keys, user authentication through `serverFactory`
 * and `authorizedClientKeys`, then sessions through `processFactory`,
 * `sessionFactory` or `sessionRequested`.
 */
export async function listen(options: SSHServerConnectionOptions): Promise<SSHAcceptor> {
  if (!options.serverHostKeys?.length) throw new TypeError('listen: option "serverHostKeys" is required');
  const hostKeys = options.serverHostKeys.map((k) => {
    const key = loadPrivateKey(k, options.passphrase);
    return key instanceof SSHKeyPair ? key.key : key;
  });
  const authorized = authorizedKeysFrom(options.authorizedClientKeys);
  let acceptor: SSHAcceptor | undefined;
  const server = net.createServer((sock) => {
    sock.setNoDelay(true);
    let connection: SSHConnection | undefined;
    const transport = new Transport(
      fromNodeStream(sock),
      {
        role: 'server',
        serverHostKeys: hostKeys,
        ...(options.serverVersion ? { softwareVersion: options.serverVersion } : {}),
        ...(options.kexAlgs !== undefined ? { kexAlgs: options.kexAlgs } : {}),
        ...(options.encryptionAlgs !== undefined ? { encryptionAlgs: options.encryptionAlgs } : {}),
        ...(options.macAlgs !== undefined ? { macAlgs: options.macAlgs } : {}),
        ...(options.compressionAlgs !== undefined ? { compressionAlgs: options.compressionAlgs } : {}),
        ...(options.signatureAlgs !== undefined ? { signatureAlgs: options.signatureAlgs } : {}),
        ...(options.rekeyBytes !== undefined ? { rekeyBytes: options.rekeyBytes } : {}),
        ...(options.rekeySeconds !== undefined ? { rekeySeconds: options.rekeySeconds } : {}),
      },
      { drain: () => connection?.transportDrained() },
    );
    acceptor?.add(transport);
    const timer = setTimeout(() => transport.abort(), (options.loginTimeout ?? DEFAULT_LOGIN_TIMEOUT) * 1000);
    timer.unref();
    const hooks: ServerAuthHooks = { ...(options.serverFactory?.() ?? {}) };
    if (authorized && !hooks.validatePublicKey) {
      hooks.validatePublicKey = (_user, key) =>
        authorized.validate(key, null, sock.remoteAddress ?? null) !== null;
    }
    transport.ready
      .then(() =>
        authenticateServer(transport, {
          hooks,
          ...(options.authBanner ? { banner: options.authBanner } : {}),
          ...(options.maxAuthAttempts ? { maxAuthAttempts: options.maxAuthAttempts } : {}),
          ...(sock.remoteAddress ? { clientAddress: sock.remoteAddress } : {}),
        }),
      )
      .then((result) => {
        clearTimeout(timer);
        connection = new SSHConnection(transport, {
          ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
          ...(options.window !== undefined ? { window: options.window } : {}),
          ...(options.maxPktsize !== undefined ? { maxPktsize: options.maxPktsize } : {}),
        });
        const info = {
          username: result.username,
          peername: [sock.remoteAddress, sock.remotePort],
          sockname: [sock.localAddress, sock.localPort],
        };
        const processFactory = options.processFactory;
        acceptSessions(connection, {
          ...(processFactory
            ? {
                processFactory: (proc: SSHServerProcess) => {
                  proc.channel.setExtraInfo(info);
                  return processFactory(proc);
                },
              }
            : {}),
          ...(options.sessionFactory ? { sessionFactory: options.sessionFactory } : {}),
          ...(options.sessionRequested ? { sessionRequested: options.sessionRequested } : {}),
          ...(options.allowPty !== undefined ? { allowPty: options.allowPty } : {}),
        });
        acceptor?.add(new SSHServerConnection(transport, connection, result.username, info));
      })
      .catch(() => {
        clearTimeout(timer);
        if (!transport.isClosed) transport.abort();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new ConnectionLost(`cannot listen: ${err.message}`, undefined, { cause: err })),
    );
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => resolve());
  });
  acceptor = new SSHAcceptor(server);
  return acceptor;
}
