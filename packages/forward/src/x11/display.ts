import { ValueError } from '@ssh/wire';
import type { LocalTarget } from '../remote/connect-local.js';

/** X11 TCP displays listen on this port plus the display number (X Window System protocol, "Connection Setup"). */
export const X11_BASE_PORT = 6000;

/** Where the X server of a DISPLAY value listens. */
export interface X11Display {
  /** Host name or address; '' (or 'unix') for the local UNIX socket. */
  host: string;
  display: number;
  screen: number;
}

/** Parse a DISPLAY value such as ':0', ':1.2', 'unix:0', 'localhost:10.0' or '[::1]:3'. */
export function parseDisplay(value: string): X11Display {
  const colon = value.lastIndexOf(':');
  if (colon < 0) throw new ValueError(`invalid X11 display ${JSON.stringify(value)}: no ':'`);
  let host = value.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const rest = value.slice(colon + 1);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rest);
  if (!m) throw new ValueError(`invalid X11 display ${JSON.stringify(value)}: bad display number`);
  return { host: host === 'unix' ? '' : host, display: Number(m[1]), screen: Number(m[2] ?? 0) };
}

/** Whether the display is reached through its local UNIX socket. */
export function isLocalDisplay(d: X11Display): boolean {
  return d.host === '';
}

/** Where to connect for display `d`: /tmp/.X11-unix/X<n> for local displays, else TCP port 6000+n. */
export function displayTarget(d: X11Display): LocalTarget {
  return isLocalDisplay(d)
    ? { path: `/tmp/.X11-unix/X${d.display}` }
    : { host: d.host, port: X11_BASE_PORT + d.display };
}
