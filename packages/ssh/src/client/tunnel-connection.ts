import type { SSHClientConnection } from './client-connection.js';
import { jumpConnector } from './connect.js';

/** The connection a `tunnel` option names, and the jump connections opened for it (to close with it). */
export interface TunnelConnection {
  conn: SSHClientConnection;
  opened: SSHClientConnection[];
}

/**
 * Resolve a `tunnel` option: a connection is used as it is; a string
 * '[user@]host[:port]' (comma-separated for several hops) is connected hop
 * by hop, each hop taking its settings from `config` only.
 */
export async function tunnelConnection(
  fn: string,
  tunnel: SSHClientConnection | string,
  config: string | readonly string[] | null | undefined,
  signal: AbortSignal,
): Promise<TunnelConnection> {
  if (typeof tunnel !== 'string') return { conn: tunnel, opened: [] };
  const hops = tunnel
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) throw new TypeError(`${fn}: option "tunnel" names no host: "${tunnel}"`);
  const jump = jumpConnector(config === undefined ? {} : { config }, signal);
  const opened: SSHClientConnection[] = [];
  try {
    for (const hop of hops) {
      if (signal.aborted) throw signal.reason;
      opened.push(await jump(hop, opened.at(-1)));
    }
  } catch (err) {
    for (const c of opened.reverse()) c.close();
    throw err;
  }
  return { conn: opened.at(-1) as SSHClientConnection, opened };
}
