import { randomBytes } from 'node:crypto';
import { ChannelOpenError, SSHChannel, type SSHConnection, type X11Request } from '@ssh/channels';
import { OPEN_ADMINISTRATIVELY_PROHIBITED, ValueError } from '@ssh/wire';
import { connectLocal } from '../remote/connect-local.js';
import { displayTarget, parseDisplay, type X11Display } from './display.js';
import { X11Forwarder } from './x11-forwarder.js';
import { lookupXauth } from './xauthority.js';

/** The channel a server opens for each X11 client connection (RFC 4254 §6.3.2). */
export const X11_CHANNEL = 'x11';

/** Client options of X11 forwarding. */
export interface X11ForwardingOptions {
  /** The display to forward to (default $DISPLAY). */
  display?: string;
  /** The Xauthority file to read (default $XAUTHORITY or ~/.Xauthority). */
  authPath?: string;
  /** Accept only one X11 connection (default false). */
  singleConnection?: boolean;
}

/** A client's X11 forwarding: the x11-req to send on a session, and a way to stop answering X11 channels. */
export interface X11Forwarding {
  /** Pass as the session option `x11` (it carries a fake cookie, never the real one). */
  readonly request: X11Request;
  /** The local display connections go to. */
  readonly display: X11Display;
  /** Stop accepting X11 channels. */
  close(): void;
}

/**
 * Client side of X11 forwarding: answer the server's x11 channel opens by
 * connecting each to the local display, swapping the fake cookie of
 * `request` for the real one from the Xauthority file. Send `request` as the
 * `x11` option of a session (x11-req). Throws ValueError without a display.
 */
export async function startX11Forwarding(
  conn: SSHConnection,
  options: X11ForwardingOptions = {},
): Promise<X11Forwarding> {
  const value = options.display ?? process.env.DISPLAY;
  if (!value) throw new ValueError('X11 forwarding needs a display (DISPLAY is not set)');
  const display = parseDisplay(value);
  const real = await lookupXauth(display, options.authPath);
  const protocol = real?.name ?? 'MIT-MAGIC-COOKIE-1';
  const fake = new Uint8Array(randomBytes(real?.data.length || 16));
  let used = false;
  conn.registerChannelType(X11_CHANNEL, async (req) => {
    const origHost = req.data.readUtf8('originator address');
    const origPort = req.data.readUint32('originator port');
    if (options.singleConnection && used) {
      throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'only one X11 connection allowed');
    }
    used = true;
    const socket = await connectLocal(displayTarget(display));
    const channel = new SSHChannel(conn, { encoding: null });
    channel.setExtraInfo({ local_peername: value, remote_peername: [origHost, origPort] });
    channel.attachOnAccept(new X11Forwarder(socket, protocol, fake, real));
    return channel;
  });
  return {
    request: {
      singleConnection: options.singleConnection ?? false,
      authProtocol: protocol,
      authCookie: Buffer.from(fake).toString('hex'),
      screen: display.screen,
    },
    display,
    close: () => conn.registerChannelType(X11_CHANNEL, null),
  };
}
