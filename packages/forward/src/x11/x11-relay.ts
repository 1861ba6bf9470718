import { SSHChannel, type SSHConnection, type X11Request } from '@ssh/channels';
import { PacketWriter, ValueError } from '@ssh/wire';
import { LocalForwardListener } from '../local/local-listener.js';
import { tunnelSocket } from '../local/tunnel-socket.js';
import type { SSHForwarder } from '../pump/forwarder.js';
import { X11_BASE_PORT } from './display.js';
import { X11_CHANNEL } from './x11-forwarding.js';
import { addXauthEntry, removeXauthEntry } from './xauth-write.js';
import { xauthorityPath } from './xauthority.js';

/** Server options of X11 forwarding. */
export interface X11RelayOptions {
  /** The Xauthority file to write the client's cookie to (default $XAUTHORITY or ~/.Xauthority). */
  authPath?: string;
  /** The first display number to try (default 10, as OpenSSH's X11DisplayOffset). */
  displayOffset?: number;
  /** How many display numbers to try (default 1000). */
  maxDisplays?: number;
}

function hexBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new ValueError('X11 cookie is not hexadecimal');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

async function openX11Channel(
  conn: SSHConnection,
  origHost: string,
  origPort: number,
  make: () => SSHForwarder,
): Promise<void> {
  const channel = new SSHChannel(conn, { encoding: null });
  // RFC 4254 §6.3.2: originator address and port.
  const extra = new PacketWriter().writeString(origHost).writeUint32(origPort).toBytes();
  await conn.openChannel(channel, X11_CHANNEL, extra);
  channel.setExtraInfo({ local_peername: [origHost, origPort], remote_peername: '' });
  const session = make();
  channel.attachSession(session);
  session.sessionStarted();
}

/**
 * Server side of X11 forwarding, after a session's x11-req was accepted:
 * listen on the first free display at localhost (TCP 6000 + n, from
 * displayOffset on), record the client's cookie for it in the Xauthority
 * file, and send each X client connection to the client over an x11 channel.
 * Give `display` to programs as DISPLAY. With request.singleConnection the
 * relay stops after one connection. Closing removes the Xauthority entry.
 */
export async function createX11Relay(
  conn: SSHConnection,
  request: X11Request,
  options: X11RelayOptions = {},
): Promise<X11Relay> {
  const cookie = hexBytes(request.authCookie);
  const first = options.displayOffset ?? 10;
  const count = options.maxDisplays ?? 1000;
  let relay: X11Relay | undefined;
  for (let n = first; n < first + count && X11_BASE_PORT + n <= 65535; n++) {
    let listener: LocalForwardListener;
    try {
      listener = await LocalForwardListener.listenTcp('127.0.0.1', X11_BASE_PORT + n, (socket) => {
        if (request.singleConnection) relay?.close();
        tunnelSocket(conn, socket, undefined, (h, p, make) => openX11Channel(conn, h, p, make));
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw err;
    }
    const authPath = xauthorityPath(options.authPath);
    try {
      await addXauthEntry(authPath, n, request.authProtocol, cookie);
    } catch (err) {
      listener.close();
      throw err;
    }
    relay = new X11Relay(listener.closeWith(conn), n, request.screen, authPath);
    return relay;
  }
  throw new ValueError(`no free X11 display from ${first} to ${first + count - 1}`);
}

/** A display on this machine whose X clients are relayed to the SSH client (see createX11Relay). */
export class X11Relay {
  /** The DISPLAY value, e.g. 'localhost:10.0'. */
  readonly display: string;
  readonly displayNumber: number;
  /** The Xauthority file holding the cookie for it. */
  readonly authPath: string;
  private readonly listener: LocalForwardListener;
  private closing: Promise<void> | null = null;

  /** @internal Made by createX11Relay. */
  constructor(listener: LocalForwardListener, displayNumber: number, screen: number, authPath: string) {
    this.listener = listener;
    this.displayNumber = displayNumber;
    this.display = `localhost:${displayNumber}.${screen}`;
    this.authPath = authPath;
    void listener.waitClosed().then(() => this.close());
  }

  /** Stop accepting X clients and remove the cookie; connections already relayed stay open. */
  close(): void {
    if (this.closing) return;
    this.listener.close();
    this.closing = removeXauthEntry(this.authPath, this.displayNumber).catch(() => undefined);
  }

  /** Resolves once closed and the Xauthority entry is gone. */
  async waitClosed(): Promise<void> {
    await this.listener.waitClosed();
    await this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
